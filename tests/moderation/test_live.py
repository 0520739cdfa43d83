"""A moderator's decision reaches open consultation pages over /ws/consultations/<id>/,
through the real ASGI stack, session cookie and Redis channel layer."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from engage.asgi import application
from engage.moderation import services
from engage.moderation.models import ActionKind
from tests.factories import UserFactory, moderator, with_totp
from tests.realtime.test_consultation_socket import TIMEOUT, session_headers

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


async def test_second_client_sees_hidden_removed_and_published_comments(open_consultation):
    from consultations.services import post_comment

    def setup():
        author = UserFactory()
        first = post_comment(author, open_consultation, "First comment")
        second = post_comment(author, open_consultation, "Second comment")
        return with_totp(moderator()), first, second, session_headers(UserFactory())

    mod, first, second, headers = await sync_to_async(setup)()
    reader = WebsocketCommunicator(
        application, f"/ws/consultations/{open_consultation.pk}/", headers=headers
    )
    connected, _code = await reader.connect(timeout=TIMEOUT)
    assert connected

    await sync_to_async(services.moderate)(mod, first, ActionKind.HIDE, public_reason="Rude.")
    hidden = await reader.receive_json_from(timeout=TIMEOUT)
    assert hidden == {
        "event": "comment.hidden",
        "data": {"id": first.pk, "parent_id": None, "proposal_id": None},
    }

    await sync_to_async(services.moderate)(mod, second, ActionKind.REMOVE, public_reason="Spam.")
    removed = await reader.receive_json_from(timeout=TIMEOUT)
    assert removed["event"] == "comment.removed" and removed["data"]["id"] == second.pk

    await sync_to_async(services.moderate)(mod, first, ActionKind.APPROVE)
    published = await reader.receive_json_from(timeout=TIMEOUT)
    assert published["event"] == "comment.published"
    assert published["data"]["id"] == first.pk and "First comment" in published["data"]["body_html"]
    assert "email" not in str(published["data"])
    await reader.disconnect()
