"""/ws/opinions/<map id>/ through the real Channels stack and the real Redis channel
layer: a recomputation after a vote reaches every open map page as "map.updated"."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from engage.asgi import application
from engage.opinions.models import MapStatus, Snapshot
from engage.opinions.tasks import schedule_recompute
from tests.realtime.test_consultation_socket import expect_refusal, session_headers

from .live_fixtures import grouped_map

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TIMEOUT = 10


@pytest.fixture(autouse=True)
def _patient_broadcasts(settings):
    settings.ENGAGE_BROADCAST_TIMEOUT = 15
    settings.CHANNEL_LAYERS["default"]["BACKEND"].endswith("RedisChannelLayer") or pytest.fail(
        "These tests need the Redis channel layer"
    )


async def open_map(opinion_map, headers):
    communicator = WebsocketCommunicator(
        application, f"/ws/opinions/{opinion_map.pk}/?seq=1", headers=headers
    )
    connected, _code = await communicator.connect(timeout=TIMEOUT)
    return communicator, connected


async def test_a_recomputation_reaches_every_open_map_page():
    opinion_map, _statements, _people = await sync_to_async(grouped_map)()
    first, connected = await open_map(opinion_map, session_headers())
    assert connected
    second, connected = await open_map(opinion_map, session_headers())
    assert connected
    # The immediate task backend of the tests recomputes right after the vote commits.
    await sync_to_async(schedule_recompute)(opinion_map)
    snapshot = await Snapshot.objects.filter(map=opinion_map).afirst()
    assert snapshot is not None
    for socket in (first, second):
        message = await socket.receive_json_from(timeout=TIMEOUT)
        assert message["event"] == "map.updated"
        assert message["data"]["snapshot"] == snapshot.pk
        assert message["data"]["map"] == opinion_map.pk
        assert isinstance(message["seq"], int)
        # Only that a new snapshot exists: never who voted or how.
        assert set(message["data"]) == {"map", "snapshot", "computed_at"}
    await first.disconnect()
    await second.disconnect()


async def test_a_draft_map_refuses_anonymous_followers():
    opinion_map, _statements, _people = await sync_to_async(grouped_map)(status=MapStatus.DRAFT)
    socket, connected = await open_map(opinion_map, session_headers())
    assert connected  # accepted to explain, then closed
    await expect_refusal(socket, 4404)  # as the page, a draft does not exist for them


async def test_an_unknown_map_closes_with_not_found():
    communicator = WebsocketCommunicator(
        application, "/ws/opinions/999999/", headers=session_headers()
    )
    connected, _code = await communicator.connect(timeout=TIMEOUT)
    assert connected
    await expect_refusal(communicator, 4404)
