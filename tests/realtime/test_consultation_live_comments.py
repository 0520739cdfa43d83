"""Comments reach open consultation pages over /ws/consultations/<id>/, and a comment
is saved and shown on reload when the channel layer is down."""

import logging

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from consultations.models import Comment, ModerationMode
from engage.asgi import application
from tests.factories import PASSWORD, UserFactory, build_consultation

TIMEOUT = 5


def logged_in_client(user):
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


def socket_headers(client=None):
    headers = [(b"origin", b"http://testserver")]
    if client is not None:
        headers.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    return headers


@pytest.mark.redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_comment_posted_over_http_reaches_another_open_page(consultation_index, settings):
    settings.MODERATION_TRUSTED_AFTER = 0
    page = await sync_to_async(build_consultation)(
        consultation_index,
        title="Park benches",
        slug="park-benches",
        moderation_mode=ModerationMode.POST,
    )
    poster = await sync_to_async(UserFactory)(display_name="Amina")
    reader = await sync_to_async(UserFactory)()
    poster_client = await sync_to_async(logged_in_client)(poster)
    reader_client = await sync_to_async(logged_in_client)(reader)

    path = f"/ws/consultations/{page.pk}/"
    readers = [
        WebsocketCommunicator(application, path, headers=socket_headers(reader_client)),
        WebsocketCommunicator(application, path, headers=socket_headers()),  # anonymous
    ]
    for communicator in readers:
        connected, _code = await communicator.connect(timeout=TIMEOUT)
        assert connected

    response = await sync_to_async(poster_client.post)(
        f"/en/comments/new/{page.pk}/",
        {"text": "More benches <script>alert(1)</script> by the pond.", "language": "en"},
    )
    assert response.status_code == 302
    comment = await Comment.objects.aget()

    for communicator in readers:
        message = await communicator.receive_json_from(timeout=TIMEOUT)
        assert message["event"] == "comment.created"
        data = message["data"]
        assert data["id"] == comment.pk
        assert data["author"] == "Amina"
        assert poster.email not in str(data)
        assert "<script" not in data["body_html"]
        assert "by the pond." in data["body_html"]
        assert data["parent_id"] is None
        await communicator.disconnect()


@pytest.mark.redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_pending_comment_never_reaches_open_pages(consultation, resident):
    communicator = WebsocketCommunicator(
        application, f"/ws/consultations/{consultation.pk}/", headers=socket_headers()
    )
    connected, _code = await communicator.connect(timeout=TIMEOUT)
    assert connected
    client = await sync_to_async(logged_in_client)(resident)
    response = await sync_to_async(client.post)(
        f"/en/comments/new/{consultation.pk}/", {"text": "Pre-moderated.", "language": "en"}
    )
    assert response.status_code == 302
    assert await communicator.receive_nothing(timeout=0.5)
    await communicator.disconnect()


@pytest.mark.django_db
def test_comment_is_saved_and_shown_on_reload_when_the_channel_layer_is_down(
    client, consultation_index, resident, settings, caplog, django_capture_on_commit_callbacks
):
    settings.MODERATION_TRUSTED_AFTER = 0
    page = build_consultation(
        consultation_index,
        title="Park benches",
        slug="park-benches",
        moderation_mode=ModerationMode.POST,
    )
    # Nothing listens on port 9: every send fails at once.
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": ["redis://127.0.0.1:9/0"]},
        }
    }
    settings.ENGAGE_BROADCAST_TIMEOUT = 1
    client.force_login(resident)
    with caplog.at_level(logging.WARNING, logger="engage.realtime"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/en/comments/new/{page.pk}/", {"text": "Still here.", "language": "en"}
            )
    assert response.status_code == 302
    assert Comment.objects.get().body_text == "Still here."
    assert any("not sent" in record.getMessage() for record in caplog.records)
    assert "Still here." in client.get(page.url).content.decode()
