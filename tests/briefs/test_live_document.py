"""The live brief over the real ASGI stack: WebsocketCommunicator, the session cookie,
the real Redis channel layer and PostgreSQL. Clients are pycrdt documents speaking the
Yjs sync protocol (tests/briefs/yclient.py)."""

import asyncio
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import override_settings
from pycrdt import Decoder, XmlElement, XmlText, create_update_message

from consultations.briefs import document_store, revisions, rooms, services, ydoc
from consultations.briefs.models import Brief, BriefUpdate, Contribution
from engage.asgi import application
from tests.briefs.conftest import socket_headers
from tests.briefs.yclient import CommunicatorTransport, YClient, clocks, paragraph_text

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TIMEOUT = 5


async def open_client(session, user, name="client", handshake=True):
    headers = await sync_to_async(socket_headers)(user)
    communicator = WebsocketCommunicator(
        application, f"/ws/codesign/briefs/{session.pk}/", headers=headers
    )
    connected, _code = await communicator.connect(timeout=TIMEOUT)
    assert connected
    client = YClient(CommunicatorTransport(communicator), name)
    if handshake:
        assert await client.handshake(timeout=TIMEOUT), client.events
    return client


async def close(*clients):
    for client in clients:
        await client.transport.communicator.disconnect()


async def settle(*clients, timeout=20):
    """Let messages flow until every client holds the same document (or `timeout`)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        await asyncio.gather(*(client.pump(timeout=0.3, idle=0.1) for client in clients))
        states = {(tuple(sorted(clocks(client.doc).items())), client.html()) for client in clients}
        if len(states) == 1 or loop.time() > deadline:
            return


def stored_doc(session):
    brief = Brief.objects.get(session=session)
    doc, _last = document_store.load_document(brief.pk)
    return doc


async def until_logged(session, text, timeout=TIMEOUT):
    """Wait until the update log in PostgreSQL holds `text` (rooms write it in batches
    within FLUSH_DELAY; on a busy machine that can take longer than a fixed pause)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        doc = await sync_to_async(stored_doc)(session)
        if ydoc.plain_text(doc) == text:
            return
        await asyncio.sleep(0.05)


def text_in_a_new_process(session):
    """The brief's text as another server process would load it."""
    from django.db import connection

    settings_dict = connection.settings_dict
    url = (
        f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD'] or ''}@"
        f"{settings_dict['HOST']}:{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
    )
    script = (
        "import django; django.setup()\n"
        "from consultations.briefs import document_store, ydoc\n"
        "from consultations.briefs.models import Brief\n"
        f"brief = Brief.objects.get(session_id={session.pk})\n"
        "doc, _last = document_store.load_document(brief.pk)\n"
        "print(ydoc.plain_text(doc))\n"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script],
        env={**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "engage.settings.test"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=str(Path(__file__).resolve().parents[2]),
    )
    return result.stdout.strip().splitlines()[-1]


def seed_paragraph(doc):
    ydoc.fragment(doc).children.append(XmlElement("paragraph", {}, [XmlText("")]))


async def refused_with(path, user):
    headers = await sync_to_async(socket_headers)(user)
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _code = await communicator.connect(timeout=TIMEOUT)
    assert connected  # accepted only to explain the refusal
    client = YClient(CommunicatorTransport(communicator))
    await client.pump(until=lambda: client.transport.closed_with is not None, timeout=TIMEOUT)
    assert client.errors()[0]["detail"]
    assert client.errors()[0]["code"] == str(client.transport.closed_with)
    return client.transport.closed_with


async def test_people_outside_the_session_are_refused_with_4403(world, session):
    path = f"/ws/codesign/briefs/{session.pk}/"
    assert await refused_with(path, world["anonymous"]) == 4403
    assert await refused_with(path, world["outsider"]) == 4403
    assert await refused_with("/ws/codesign/briefs/999999/", world["staff"]) == 4404


async def test_three_editors_making_random_concurrent_edits_converge(world, session):
    """Each editor inserts unique tokens at token boundaries and deletes some of its own,
    all at once; afterwards every replica and the stored document are identical and hold
    every token that was not deleted."""
    editors = [world["coauthor"], world["leader"], world["staff"]]
    clients = [await open_client(session, user, f"c{i}") for i, user in enumerate(editors)]
    await clients[0].edit(seed_paragraph)
    await settle(*clients)
    rng = random.Random(5)
    kept, deleted = set(), set()

    async def work(index, client):
        mine = []
        for step in range(25):
            text = paragraph_text(client.doc)
            content = str(text)
            if mine and rng.random() < 0.3:
                token = mine.pop(rng.randrange(len(mine)))
                at = content.find(token)
                if at >= 0:
                    await client.edit(
                        lambda _doc, at=at, token=token, text=text: text.__delitem__(
                            slice(at, at + len(token))
                        )
                    )
                    deleted.add(token)
                    kept.discard(token)
            else:
                token = f"<c{index}-{step}>"
                boundaries = [0] + [i + 1 for i, ch in enumerate(content) if ch == ">"]
                at = rng.choice(boundaries)
                await client.edit(
                    lambda _doc, at=at, token=token, text=text: text.insert(at, token)
                )
                mine.append(token)
                kept.add(token)
            # Let some, not all, remote updates in before the next edit: real concurrency.
            await client.pump(timeout=0.01, idle=0.005)

    await asyncio.gather(*(work(i, client) for i, client in enumerate(clients)))
    await settle(*clients)
    texts = [client.text() for client in clients]
    assert texts[0] == texts[1] == texts[2]
    assert [client.html() for client in clients] == [clients[0].html()] * 3
    for token in kept:
        assert token in texts[0]
    for token in deleted:
        assert token not in texts[0]
    stored = await sync_to_async(stored_doc)(session)
    assert ydoc.plain_text(stored) == texts[0]
    await close(*clients)


async def test_the_document_survives_a_restart_of_the_server_process(world, session):
    first = await open_client(session, world["coauthor"])
    await first.edit(lambda doc: ydoc.append_paragraph(doc, "Nothing about us without us."))
    await first.pump(timeout=0.3, idle=0.2)
    await until_logged(session, "Nothing about us without us.")
    # The process dies: its rooms vanish without closing or saving anything.
    rooms.forget_all_rooms()
    # A fresh interpreter, with nothing in memory, reads the same brief from PostgreSQL.
    assert await sync_to_async(text_in_a_new_process)(session) == "Nothing about us without us."
    second = await open_client(session, world["leader"])
    assert second.text() == "Nothing about us without us."
    # The first editor reconnects too and both keep editing together.
    await second.edit(lambda doc: ydoc.append_paragraph(doc, "Second paragraph."))
    again = await open_client(session, world["coauthor"])
    await settle(second, again)
    assert again.text() == second.text() == "Nothing about us without us.\nSecond paragraph."

    # Restoring a revision on the server reaches the open editors as an ordinary update.
    brief = await sync_to_async(Brief.objects.select_related("session").get)(session=session)
    revision = await sync_to_async(revisions.take_snapshot)(brief)
    await again.edit(lambda doc: ydoc.append_paragraph(doc, "Third, to be undone."))
    await settle(second, again)
    await sync_to_async(services.restore_snapshot)(revision, world["coauthor"])
    await asyncio.gather(
        *(
            client.pump(until=lambda c=client: c.text() == revision.text, timeout=TIMEOUT)
            for client in (second, again)
        )
    )
    assert second.text() == again.text() == revision.text
    await close(first, second, again)


async def test_only_current_co_authors_change_the_brief(world, session):
    """A participant follows the brief but may not change it; a co-author removed while
    connected has their next update refused. Both are closed with 4403."""
    from consultations.codesign.models import Invitation

    editor = await open_client(session, world["coauthor"])
    await editor.edit(lambda doc: ydoc.append_paragraph(doc, "Draft"))
    reader = await open_client(session, world["participant"])
    await reader.pump(until=lambda: reader.text() == "Draft", timeout=TIMEOUT)
    assert reader.events[0]["data"]["can_edit"] is False
    await reader.edit(lambda doc: ydoc.append_paragraph(doc, "Sneaky"))
    await reader.pump(until=lambda: reader.transport.closed_with is not None, timeout=TIMEOUT)
    assert reader.transport.closed_with == 4403

    await sync_to_async(Invitation.objects.filter(user=world["coauthor"]).delete)()
    await editor.edit(lambda doc: ydoc.append_paragraph(doc, "After removal"))
    await editor.pump(until=lambda: editor.transport.closed_with is not None, timeout=TIMEOUT)
    assert editor.transport.closed_with == 4403
    assert ydoc.plain_text(await sync_to_async(stored_doc)(session)) == "Draft"


async def test_oversized_and_malformed_updates_are_refused_and_the_document_kept(world, session):
    client = await open_client(session, world["coauthor"])
    await client.edit(lambda doc: ydoc.append_paragraph(doc, "Intact"))
    with override_settings(BRIEF_MAX_UPDATE_BYTES=2048):
        await client.edit(lambda doc: ydoc.append_paragraph(doc, "x" * 5000))
        await client.pump(until=lambda: client.errors(), timeout=TIMEOUT)
    assert client.errors()[-1]["code"] == "too_large"
    await client.send_raw(create_update_message(b"\x07\xff\xfe garbage"))
    await client.pump(until=lambda: len(client.errors()) == 2, timeout=TIMEOUT)
    assert client.errors()[-1]["code"] in {"bad_update", "bad_message"}
    await client.send_raw(b"\x00")
    await client.pump(until=lambda: len(client.errors()) == 3, timeout=TIMEOUT)
    assert client.transport.closed_with is None  # the connection is kept
    other = await open_client(session, world["leader"])
    assert other.text() == "Intact"
    await close(client, other)


async def test_each_connection_is_credited_and_named_as_its_person(world, session):
    author = await open_client(session, world["coauthor"])
    lead = await open_client(session, world["leader"])
    await author.edit(lambda doc: ydoc.append_paragraph(doc, "Hello world"))
    await settle(author, lead)
    await lead.edit(lambda doc: paragraph_text(doc).__delitem__(slice(0, 6)))
    await lead.edit(lambda doc: paragraph_text(doc).insert(0, "Dear "))
    await settle(author, lead)
    assert author.text() == lead.text() == "Dear world"
    rows = await sync_to_async(
        lambda: {
            row.user_id: (row.chars_added, row.chars_removed)
            for row in Contribution.objects.filter(brief__session=session)
        }
    )()
    assert rows == {world["coauthor"].pk: (11, 0), world["leader"].pk: (5, 6)}
    logged = await sync_to_async(BriefUpdate.objects.filter(brief__session=session).count)()
    assert logged == 3

    # Presence names the person really connected, whatever the client claims.
    await author.set_presence({"user": {"name": "The Mayor", "color": "#c00"}, "cursor": None})
    await lead.pump(until=lambda: lead.awareness, timeout=TIMEOUT)
    decoder = Decoder(lead.awareness[-1])
    assert decoder.read_var_uint() == 1
    decoder.read_var_uint()
    decoder.read_var_uint()
    state = json.loads(decoder.read_var_string())
    assert state["user"] == {"name": str(world["coauthor"].public_name), "color": "#c00"}
    await close(author, lead)


@override_settings(
    CHANNEL_LAYERS={
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},
        }
    }
)
async def test_editing_continues_in_the_process_when_the_channel_layer_is_down(world, session):
    from channels.layers import channel_layers

    channel_layers.backends.pop("default", None)
    try:
        alice = await open_client(session, world["coauthor"])
        bob = await open_client(session, world["leader"])
        await alice.edit(lambda doc: ydoc.append_paragraph(doc, "Still working"))
        await bob.pump(until=lambda: bob.text() == "Still working", timeout=TIMEOUT)
        assert bob.text() == "Still working"
        await close(alice, bob)
    finally:
        channel_layers.backends.pop("default", None)


async def test_a_viewer_who_loses_their_place_is_disconnected(world, session):
    """Rights are re-checked for every connection when they may have changed: a viewer
    whose RSVP is cancelled stops receiving the brief's updates."""
    from consultations.codesign.models import Rsvp

    editor = await open_client(session, world["coauthor"])
    await editor.edit(lambda doc: ydoc.append_paragraph(doc, "Draft"))
    reader = await open_client(session, world["participant"])
    await reader.pump(until=lambda: reader.text() == "Draft", timeout=TIMEOUT)

    def cancel():
        rsvp = Rsvp.objects.get(session=session, user=world["participant"])
        rsvp.status = Rsvp.Status.CANCELLED
        rsvp.save()

    await sync_to_async(cancel)()
    await reader.pump(until=lambda: reader.transport.closed_with is not None, timeout=TIMEOUT)
    assert reader.transport.closed_with == 4403
    await editor.edit(lambda doc: ydoc.append_paragraph(doc, "Still here"))
    assert editor.transport.closed_with is None
    await close(editor)
