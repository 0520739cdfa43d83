"""/ws/consultations/<id>/ through the real ASGI stack and the real Redis channel layer.

The client carries the real session cookie from a test-client login, so the whole chain
(origin check, session, auth, rules, group, broadcast) is exercised.
"""

import json

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import transaction
from django.test import Client

from engage.asgi import application
from engage.realtime.broadcast import broadcast_after_commit, send_now
from engage.realtime.groups import consultation_group
from tests.factories import PASSWORD

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TIMEOUT = 5


def session_headers(user=None, origin=b"http://testserver"):
    headers = [(b"origin", origin)] if origin else []
    if user is not None:
        client = Client()
        assert client.login(email=user.email, password=PASSWORD)
        sessionid = client.cookies["sessionid"].value
        headers.append((b"cookie", f"sessionid={sessionid}".encode()))
    return headers


async def open_socket(path, headers):
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await communicator.connect(timeout=TIMEOUT)
    return communicator, connected, code


async def expect_refusal(communicator, code):
    """Refusals are accepted, explained with an `error` event, then closed with `code`."""
    error = await communicator.receive_json_from(timeout=TIMEOUT)
    assert error["event"] == "error"
    assert error["data"]["code"] == str(code)
    assert error["data"]["detail"]
    closing = await communicator.receive_output(timeout=TIMEOUT)
    assert closing == {"type": "websocket.close", "code": code}


@pytest.fixture
def headers(resident):
    return session_headers(resident)


async def test_signed_in_resident_receives_a_broadcast(consultation, headers):
    path = f"/ws/consultations/{consultation.pk}/"
    communicator, connected, _code = await open_socket(path, headers)
    assert connected
    assert await sync_to_async(send_now)(
        consultation_group(consultation.pk), "comment.created", {"id": 7}
    )
    message = await communicator.receive_json_from(timeout=TIMEOUT)
    assert message == {"event": "comment.created", "data": {"id": 7}}
    await communicator.disconnect()


async def test_broadcast_after_commit_waits_for_the_commit(consultation, headers):
    communicator, connected, _code = await open_socket(
        f"/ws/consultations/{consultation.pk}/", headers
    )
    assert connected

    def rolled_back_then_committed():
        try:
            with transaction.atomic():
                broadcast_after_commit(consultation.live_group_name(), "x.rolled_back", {})
                raise RuntimeError("roll back")
        except RuntimeError:
            pass
        with transaction.atomic():
            broadcast_after_commit(consultation.live_group_name(), "x.committed", {"ok": True})

    await sync_to_async(rolled_back_then_committed)()
    message = await communicator.receive_json_from(timeout=TIMEOUT)
    assert message == {"event": "x.committed", "data": {"ok": True}}
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.disconnect()


async def test_publishing_the_consultation_tells_open_pages(consultation):
    communicator, connected, _code = await open_socket(
        f"/ws/consultations/{consultation.pk}/", session_headers()
    )
    assert connected  # anonymous visitors may follow a published consultation

    def publish_new_title():
        consultation.title = "Safer, greener streets"
        consultation.save_revision().publish()

    await sync_to_async(publish_new_title)()
    message = await communicator.receive_json_from(timeout=TIMEOUT)
    assert message["event"] == "page.updated"
    assert message["data"]["id"] == consultation.pk
    assert message["data"]["title"] == "Safer, greener streets"
    assert message["data"]["url"].startswith("/en/consultations/")
    await communicator.disconnect()


async def test_ping_gets_pong_and_unknown_types_get_an_error(consultation, headers):
    communicator, connected, _code = await open_socket(
        f"/ws/consultations/{consultation.pk}/", headers
    )
    assert connected
    await communicator.send_json_to({"type": "ping", "id": "abc"})
    assert await communicator.receive_json_from(timeout=TIMEOUT) == {
        "event": "pong",
        "data": {"id": "abc"},
    }
    await communicator.send_json_to({"type": "shout"})
    error = await communicator.receive_json_from(timeout=TIMEOUT)
    assert error["event"] == "error"
    assert error["data"]["code"] == "unknown_type"
    assert "shout" in error["data"]["detail"]
    await communicator.send_to(text_data="not json")
    assert (await communicator.receive_json_from(timeout=TIMEOUT))["data"]["code"] == "bad_message"
    await communicator.send_to(text_data=json.dumps(["no", "type"]))
    assert (await communicator.receive_json_from(timeout=TIMEOUT))["data"]["code"] == "bad_message"
    # Still connected after the errors.
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from(timeout=TIMEOUT) == {"event": "pong", "data": {}}
    await communicator.disconnect()


async def test_errors_follow_the_requested_language(consultation):
    communicator, connected, _code = await open_socket(
        f"/ws/consultations/{consultation.pk}/?lang=fr", session_headers()
    )
    assert connected
    await communicator.send_to(text_data="not json")
    error = await communicator.receive_json_from(timeout=TIMEOUT)
    assert error["data"]["detail"]
    await communicator.disconnect()


async def test_foreign_origin_is_refused(consultation, resident):
    communicator, connected, _code = await open_socket(
        f"/ws/consultations/{consultation.pk}/",
        await sync_to_async(session_headers)(resident, origin=b"http://evil.example"),
    )
    assert not connected


async def test_missing_origin_is_refused(consultation, resident):
    communicator, connected, _code = await open_socket(
        f"/ws/consultations/{consultation.pk}/",
        await sync_to_async(session_headers)(resident, origin=None),
    )
    assert not connected


async def test_unknown_consultation_is_refused_with_4404(consultation, headers):
    communicator, connected, _code = await open_socket(
        f"/ws/consultations/{consultation.pk + 1000}/", headers
    )
    assert connected
    await expect_refusal(communicator, 4404)


async def test_unpublished_consultation_is_refused_with_4404(consultation, headers):
    await sync_to_async(consultation.unpublish)()
    communicator, connected, _code = await open_socket(
        f"/ws/consultations/{consultation.pk}/", headers
    )
    assert connected
    await expect_refusal(communicator, 4404)


async def test_staff_may_follow_an_unpublished_consultation(consultation):
    from tests.factories import city_staff

    await sync_to_async(consultation.unpublish)()
    staff = await sync_to_async(city_staff)()
    staff_headers = await sync_to_async(session_headers)(staff)
    communicator, connected, _code = await open_socket(
        f"/ws/consultations/{consultation.pk}/", staff_headers
    )
    assert connected
    await communicator.send_json_to({"type": "ping"})
    assert (await communicator.receive_json_from(timeout=TIMEOUT))["event"] == "pong"
    await communicator.disconnect()


async def test_clients_that_ask_get_consecutive_sequence_numbers(consultation, headers):
    group = consultation_group(consultation.pk)
    numbered, connected, _code = await open_socket(
        f"/ws/consultations/{consultation.pk}/?seq=1", headers
    )
    assert connected
    plain, connected, _code = await open_socket(f"/ws/consultations/{consultation.pk}/", headers)
    assert connected
    for n in range(3):
        assert await sync_to_async(send_now)(group, "comment.created", {"id": n})
    received = [await numbered.receive_json_from(timeout=TIMEOUT) for _ in range(3)]
    assert [message["data"]["id"] for message in received] == [0, 1, 2]
    first = received[0]["seq"]
    assert [message["seq"] for message in received] == [first, first + 1, first + 2]
    # Without ?seq=1 the messages are as before.
    assert await plain.receive_json_from(timeout=TIMEOUT) == {
        "event": "comment.created",
        "data": {"id": 0},
    }
    await numbered.disconnect()
    await plain.disconnect()


async def test_a_channel_layer_outage_closes_with_an_application_code(
    consultation, headers, settings
):
    from engage.settings.realtime import cache_and_channel_layers
    from tests.liveserver import free_closed_port

    _caches, settings.CHANNEL_LAYERS = cache_and_channel_layers(
        f"redis://127.0.0.1:{free_closed_port()}/0"
    )
    communicator, connected, _code = await open_socket(
        f"/ws/consultations/{consultation.pk}/", headers
    )
    assert connected  # accepted, so that the browser sees the code
    await expect_refusal(communicator, 4503)  # never 1011, which daphne refuses to send


async def test_a_path_no_route_matches_is_closed_as_not_found(headers):
    communicator, connected, _code = await open_socket("/ws/no-such-thing/42/", headers)
    assert connected
    await expect_refusal(communicator, 4404)
