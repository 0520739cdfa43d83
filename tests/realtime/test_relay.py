"""One group membership per process, fanned out to its sockets (engage.realtime.relay).

On the real Redis channel layer: however many sockets of one process follow a page, the
group in Redis holds one member (the process's feed), every socket gets each message,
the last socket to leave takes the member away, and relaying a message does no work in
Django's synchronous thread (Channels' per-message `aclose_old_connections`, which made
the server fall behind under load; docs/websockets.md, "Fan-out at scale").
"""

import asyncio
from unittest import mock

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator

from engage.asgi import application
from engage.realtime.broadcast import send_now
from engage.realtime.groups import consultation_group
from engage.realtime.relay import render_frames

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TIMEOUT = 5


async def open_sockets(path, count):
    sockets = []
    for _ in range(count):
        communicator = WebsocketCommunicator(
            application, path, headers=[(b"origin", b"http://testserver")]
        )
        connected, _code = await communicator.connect(timeout=TIMEOUT)
        assert connected
        sockets.append(communicator)
    return sockets


async def group_members(group):
    layer = get_channel_layer()
    connection = layer.connection(layer.consistent_hash(group))
    return await connection.zcard(layer._group_key(group))


async def test_sockets_of_one_process_share_one_group_member(consultation):
    group = consultation_group(consultation.pk)
    sockets = await open_sockets(f"/ws/consultations/{consultation.pk}/?seq=1", 3)
    plain = (await open_sockets(f"/ws/consultations/{consultation.pk}/", 1))[0]
    assert await group_members(group) == 1

    assert await sync_to_async(send_now)(group, "comment.created", {"id": 7})
    for socket in sockets:
        message = await socket.receive_json_from(timeout=TIMEOUT)
        assert message["event"] == "comment.created"
        assert message["data"] == {"id": 7}
        assert isinstance(message["seq"], int)
    assert await plain.receive_json_from(timeout=TIMEOUT) == {
        "event": "comment.created",
        "data": {"id": 7},
    }

    for socket in [*sockets, plain][:-1]:
        await socket.disconnect()
    assert await group_members(group) == 1  # one socket still follows the page
    await plain.disconnect()
    assert await group_members(group) == 0


async def test_relaying_does_no_work_in_the_synchronous_thread(consultation):
    group = consultation_group(consultation.pk)
    sockets = await open_sockets(f"/ws/consultations/{consultation.pk}/", 5)
    with mock.patch("channels.consumer.aclose_old_connections") as closing:
        for number in range(3):
            assert await sync_to_async(send_now)(group, "comment.created", {"id": number})
        for socket in sockets:
            for number in range(3):
                message = await socket.receive_json_from(timeout=TIMEOUT)
                assert message["data"] == {"id": number}  # in order
        await sockets[0].send_json_to({"type": "ping"})
        assert (await sockets[0].receive_json_from(timeout=TIMEOUT))["event"] == "pong"
    closing.assert_not_called()
    for socket in sockets:
        await socket.disconnect()


async def test_a_socket_that_leaves_while_others_stay_gets_nothing_more(consultation):
    group = consultation_group(consultation.pk)
    leaving, staying = await open_sockets(f"/ws/consultations/{consultation.pk}/", 2)
    await leaving.disconnect()
    assert await sync_to_async(send_now)(group, "comment.created", {"id": 1})
    assert (await staying.receive_json_from(timeout=TIMEOUT))["data"] == {"id": 1}
    await asyncio.sleep(0.1)
    assert await staying.receive_nothing(timeout=0.1)
    await staying.disconnect()


def test_a_message_is_rendered_once_with_and_without_its_number():
    plain, numbered = render_frames(
        {"type": "broadcast", "event": "comment.created", "payload": {"id": 3}, "seq": 9}
    )
    assert plain == '{"event": "comment.created", "data": {"id": 3}}'
    assert numbered == '{"event": "comment.created", "data": {"id": 3}, "seq": 9}'
    assert render_frames({"type": "broadcast", "event": "x"}) == (
        '{"event": "x", "data": {}}',
        '{"event": "x", "data": {}}',
    )
