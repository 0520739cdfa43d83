"""/ws/forums/threads/<id>/ through the real ASGI stack and the real Redis channel layer."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from engage.asgi import application
from engage.moderation.content import ContentStatus
from forums import services
from forums.models import Verdict
from tests.factories import UserFactory
from tests.forums.conftest import SOURCES, published_fact_check, start_claim
from tests.realtime.test_consultation_socket import expect_refusal, session_headers

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TIMEOUT = 10


@pytest.fixture(autouse=True)
def _patient_broadcasts(settings):
    # On a busy machine Redis may answer slower than the 2 s default broadcast timeout.
    settings.ENGAGE_BROADCAST_TIMEOUT = 15


async def open_thread(thread, headers):
    communicator = WebsocketCommunicator(
        application, f"/ws/forums/threads/{thread.pk}/", headers=headers
    )
    connected, _code = await communicator.connect(timeout=TIMEOUT)
    return communicator, connected


async def test_a_moderator_hides_a_post_and_another_reader_sees_it_go(forum, roles):
    from engage.moderation.services import moderate

    author = roles["resident"]
    claim = await sync_to_async(start_claim)(author, forum)
    author_socket, connected = await open_thread(
        claim, await sync_to_async(session_headers)(author)
    )
    assert connected
    reader_socket, connected = await open_thread(claim, session_headers())  # anonymous
    assert connected

    post = await sync_to_async(services.post_reply)(author, claim, "<b>Rude</b> words")
    for socket in (author_socket, reader_socket):
        message = await socket.receive_json_from(timeout=TIMEOUT)
        assert message["event"] == "post.created"
        assert message["data"]["id"] == post.pk
        assert message["data"]["author"] == "Rania"
        assert "<b>" not in message["data"]["body_html"]

    await sync_to_async(moderate)(
        roles["moderator"], post, "hide", public_reason="Personal attack."
    )
    message = await reader_socket.receive_json_from(timeout=TIMEOUT)
    assert message == {"event": "post.hidden", "data": {"id": post.pk, "thread_id": claim.pk}}
    await post.arefresh_from_db()
    assert post.status == ContentStatus.HIDDEN
    await author_socket.disconnect()
    await reader_socket.disconnect()


async def test_fact_check_publication_and_thread_settings_are_announced(forum, roles):
    claim = await sync_to_async(start_claim)(roles["resident"], forum)
    socket, connected = await open_thread(claim, session_headers())
    assert connected
    fact_check = await sync_to_async(services.write_fact_check)(
        roles["leader"], claim, verdict=Verdict.FALSE, text="Not so.", sources=SOURCES
    )
    assert await socket.receive_nothing(timeout=0.3)  # drafts are never broadcast
    await sync_to_async(services.publish_fact_check)(roles["staff"], fact_check)
    message = await socket.receive_json_from(timeout=TIMEOUT)
    assert message["event"] == "factcheck.published"
    assert message["data"]["verdict"] == "false"
    assert message["data"]["reviewer"] == "Sam"
    message = await socket.receive_json_from(timeout=TIMEOUT)  # the claim now has a verdict
    assert message["event"] == "thread.verdict" and message["data"]["verdict"] == "false"
    await sync_to_async(services.update_thread_settings)(roles["moderator"], claim, is_locked=True)
    message = await socket.receive_json_from(timeout=TIMEOUT)
    assert message["event"] == "thread.updated" and message["data"]["is_locked"] is True
    await socket.disconnect()


async def test_hidden_thread_is_refused_as_if_it_did_not_exist(forum, roles):
    claim = await sync_to_async(start_claim)(roles["resident"], forum)
    claim.status = ContentStatus.HIDDEN
    await claim.asave(update_fields=["status"])
    headers = await sync_to_async(session_headers)(await sync_to_async(UserFactory)())
    socket, connected = await open_thread(claim, headers)
    assert connected
    await expect_refusal(socket, 4404)


async def receive_events(socket, count):
    """The next `count` messages as `(event, data)` pairs, in the order they came."""
    messages = [await socket.receive_json_from(timeout=TIMEOUT) for _ in range(count)]
    return [(message["event"], message["data"]) for message in messages]


async def test_fact_check_moderation_changes_the_verdict_on_open_pages(forum, roles):
    from engage.moderation.services import moderate

    claim = await sync_to_async(start_claim)(roles["resident"], forum)
    fact_check = await sync_to_async(published_fact_check)(roles["leader"], roles["staff"], claim)
    socket, connected = await open_thread(claim, session_headers())
    assert connected
    identity = {"id": fact_check.pk, "thread_id": claim.pk}

    await sync_to_async(moderate)(
        roles["moderator"], fact_check, "hide", public_reason="Sources under review."
    )
    assert await receive_events(socket, 2) == [
        ("factcheck.hidden", identity),
        (
            "thread.verdict",
            {"id": claim.pk, "thread_id": claim.pk, "verdict": "", "verdict_label": ""},
        ),
    ]
    await claim.arefresh_from_db()
    assert claim.verdict == ""

    await sync_to_async(moderate)(roles["moderator"], fact_check, "approve")
    assert await receive_events(socket, 2) == [
        ("factcheck.restored", identity),
        (
            "thread.verdict",
            {"id": claim.pk, "thread_id": claim.pk, "verdict": "false", "verdict_label": "False"},
        ),
    ]
    await claim.arefresh_from_db()
    assert claim.verdict == Verdict.FALSE
    await socket.disconnect()


async def test_a_revised_fact_check_is_announced_with_the_new_verdict(forum, roles):
    claim = await sync_to_async(start_claim)(roles["resident"], forum)
    socket, connected = await open_thread(claim, session_headers())
    assert connected
    fact_check = await sync_to_async(published_fact_check)(roles["leader"], roles["staff"], claim)
    (published, first), (verdict, data) = await receive_events(socket, 2)
    assert (published, first["revision"], first["verdict"]) == ("factcheck.published", 1, "false")
    assert (verdict, data["verdict"], data["verdict_label"]) == ("thread.verdict", "false", "False")

    await sync_to_async(services.revise_fact_check)(
        roles["partner"], fact_check, verdict=Verdict.MISLEADING, text="Partly.", sources=SOURCES
    )
    assert await socket.receive_nothing(timeout=0.3)  # a draft revision is not public
    await sync_to_async(services.publish_fact_check)(roles["staff"], fact_check)
    (published, second), (verdict, data) = await receive_events(socket, 2)
    assert (published, second["revision"], second["verdict"]) == (
        "factcheck.published",
        2,
        "misleading",
    )
    assert second["body_html"] == "<p>Partly.</p>"
    assert (verdict, data["verdict"], data["verdict_label"]) == (
        "thread.verdict",
        "misleading",
        "Misleading",
    )

    # A third revision with the same verdict: published, and no verdict event.
    await sync_to_async(services.revise_fact_check)(
        roles["leader"], fact_check, verdict=Verdict.MISLEADING, text="Partly so.", sources=SOURCES
    )
    await sync_to_async(services.publish_fact_check)(roles["staff"], fact_check)
    message = await socket.receive_json_from(timeout=TIMEOUT)
    assert (message["event"], message["data"]["revision"]) == ("factcheck.published", 3)
    assert await socket.receive_nothing(timeout=0.5)
    await socket.disconnect()


async def test_thread_settings_events_name_what_changed(forum, roles):
    claim = await sync_to_async(start_claim)(roles["resident"], forum)
    socket, connected = await open_thread(claim, session_headers())
    assert connected
    update = sync_to_async(services.update_thread_settings)
    moderator = roles["moderator"]

    await update(moderator, claim, is_locked=True)
    ((event, data),) = await receive_events(socket, 1)
    assert event == "thread.updated"
    assert data == {
        "id": claim.pk,
        "is_locked": True,
        "is_pinned": False,
        "slow_mode_minutes": 0,
        "changed": ["is_locked"],
    }
    # The form sends every setting; only the ones whose value changed are named.
    await update(moderator, claim, is_locked=True, is_pinned=True, slow_mode_minutes=5)
    ((event, data),) = await receive_events(socket, 1)
    assert data["changed"] == ["is_pinned", "slow_mode_minutes"]
    assert (data["is_pinned"], data["slow_mode_minutes"]) == (True, 5)
    await update(moderator, claim, is_locked=False, is_pinned=True, slow_mode_minutes=0)
    ((event, data),) = await receive_events(socket, 1)
    assert data["changed"] == ["is_locked", "slow_mode_minutes"]
    assert (data["is_locked"], data["slow_mode_minutes"]) == (False, 0)
    await socket.disconnect()


async def test_opening_edits_redactions_and_restored_posts_are_announced(forum, roles):
    from engage.moderation.services import moderate

    author = roles["resident"]
    claim = await sync_to_async(start_claim)(author, forum)
    post = await sync_to_async(services.post_reply)(author, claim, "Call me on 07700 900123.")
    fact_check = await sync_to_async(published_fact_check)(
        roles["leader"], roles["staff"], claim, text="Ask Jo Bloggs at 12 Mill Lane."
    )
    socket, connected = await open_thread(claim, session_headers())
    assert connected

    await sync_to_async(services.edit_content)(author, claim, "Heard it at the market, too.")
    assert await receive_events(socket, 1) == [
        ("thread.edited", {"id": claim.pk, "thread_id": claim.pk})
    ]

    await sync_to_async(moderate)(
        roles["moderator"], claim, "redact", redacted_text="Heard it at [removed]."
    )
    assert await receive_events(socket, 1) == [
        ("thread.edited", {"id": claim.pk, "thread_id": claim.pk})
    ]

    await sync_to_async(moderate)(
        roles["moderator"], fact_check, "redact", redacted_text="Ask [removed]."
    )
    ((event, data),) = await receive_events(socket, 1)
    assert event == "factcheck.edited"
    assert data["id"] == fact_check.pk and data["body_html"] == "<p>Ask [removed].</p>"

    await sync_to_async(moderate)(roles["moderator"], post, "hide", public_reason="Phone number.")
    await sync_to_async(moderate)(roles["moderator"], post, "approve")
    hidden, restored = await receive_events(socket, 2)
    assert hidden == ("post.hidden", {"id": post.pk, "thread_id": claim.pk})
    assert restored[0] == "post.restored" and restored[1]["id"] == post.pk
    await socket.disconnect()
