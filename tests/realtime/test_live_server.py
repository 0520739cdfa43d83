"""Live sockets on a real daphne process with the Redis channel layer and PostgreSQL.

In-process `WebsocketCommunicator` tests cannot show what the server and redis-py do to
a socket that waits: here a child daphne (tests/liveserver.py) serves the page and the
test process is the only client. Kept few, because each one waits.
"""

import asyncio

import pytest

from engage.realtime.broadcast import send_now
from engage.realtime.groups import consultation_group
from tests.liveserver import Closed, WebSocket

pytestmark = [pytest.mark.redis, pytest.mark.postgres]

# redis-py's default socket timeout and channels-redis' blocking read are both 5 s; the
# sockets used to close with 1011 after 5.3 s. Waiting 13 s covers two such periods.
IDLE_SECONDS = 13


async def idle_then_broadcast(server, consultation_id):
    socket = await WebSocket.connect(f"{server.ws_url}/ws/consultations/{consultation_id}/")
    try:
        # Nothing at all reaches this server meanwhile: no other socket, no /readyz.
        with pytest.raises(asyncio.TimeoutError):
            await socket.recv_json(timeout=IDLE_SECONDS)
        group = consultation_group(consultation_id)
        sent = await asyncio.to_thread(send_now, group, "comment.created", {"id": 41})
        assert sent
        message = await socket.recv_json(timeout=10)
        assert message["event"] == "comment.created"
        assert message["data"] == {"id": 41}
    finally:
        await socket.close()


def test_an_idle_socket_stays_open_and_still_receives(
    daphne_factory, django_db_serialized_rollback, consultation
):
    server = daphne_factory()
    try:
        asyncio.run(idle_then_broadcast(server, consultation.pk))
    except Closed as closed:
        pytest.fail(f"the idle socket was {closed}; server log:\n{server.output()[-3000:]}")
