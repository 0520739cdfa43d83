"""/ws/forums/threads/<id>/ through the real ASGI stack and the real Redis channel layer."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from engage.asgi import application
from engage.moderation.content import ContentStatus
from forums import services
from forums.models import Verdict
from tests.factories import UserFactory
from tests.forums.conftest import SOURCES, start_claim
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
