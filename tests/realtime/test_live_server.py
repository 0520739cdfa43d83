"""Live sockets on a real daphne process with the Redis channel layer and PostgreSQL.

In-process `WebsocketCommunicator` tests cannot show what the server and redis-py do to
a socket that waits: here a child daphne (tests/liveserver.py) serves the page and the
test process is the only client. One server, several checks, because each start costs.
"""

import asyncio
import json
import urllib.error
import urllib.request

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
        assert message["data"]["id"] == 41

        # Readiness while a socket is open in the same process (it used to say 503: "Two
        # event loops are trying to receive() on one channel layer at once!").
        status, body = await asyncio.to_thread(get_json, f"{server.url}/readyz")
        assert (status, body["down"]) == (200, []), body
        # The socket is still served after the check.
        sent = await asyncio.to_thread(send_now, group, "comment.created", {"id": 42})
        assert sent
        assert (await socket.recv_json(timeout=10))["data"]["id"] == 42
    finally:
        await socket.close()


async def unknown_path_is_closed_cleanly(server):
    socket = await WebSocket.connect(f"{server.ws_url}/ws/nothing-here/")
    error = await socket.recv_json(timeout=10)
    assert error["event"] == "error"
    assert error["data"]["code"] == "4404"
    with pytest.raises(Closed) as closed:
        await socket.recv_json(timeout=10)
    assert closed.value.code == 4404


def get_json(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our server
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_idle_sockets_readiness_and_unknown_paths_on_a_real_server(
    daphne_factory, django_db_serialized_rollback, consultation
):
    server = daphne_factory()
    try:
        asyncio.run(idle_then_broadcast(server, consultation.pk))
        asyncio.run(unknown_path_is_closed_cleanly(server))
    except Closed as closed:
        pytest.fail(f"the socket was {closed}; server log:\n{server.output()[-3000:]}")
