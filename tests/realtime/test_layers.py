"""The Redis channel layer as configured by `cache_and_channel_layers`, on the real Redis."""

import asyncio

import pytest
from channels_redis.core import RedisChannelLayer
from django.conf import settings
from redis.exceptions import ConnectionError as RedisConnectionError

from engage.realtime.layers import EngageRedisChannelLayer
from engage.settings.realtime import cache_and_channel_layers

pytestmark = pytest.mark.redis


def layer_config(**overrides):
    _caches, layers = cache_and_channel_layers(
        settings.TEST_REDIS_URL, prefix="engage-test-pool", backend="redis"
    )
    config = layers["default"]["CONFIG"]
    host = {**config["hosts"][0], **overrides}
    return {**config, "hosts": [host]}


def test_the_socket_timeout_outlasts_the_blocking_read():
    _caches, layers = cache_and_channel_layers("redis://127.0.0.1:6379/1", backend="redis")
    layer = layers["default"]
    assert layer["BACKEND"] == "engage.realtime.layers.EngageRedisChannelLayer"
    host = layer["CONFIG"]["hosts"][0]
    assert host["socket_timeout"] > RedisChannelLayer.brpop_timeout
    assert host["socket_keepalive"] is True
    assert host["health_check_interval"] > 0


async def join_and_leave_at_once(layer, sockets=60):
    channels = [f"specific.pool-test!{n}" for n in range(sockets)]
    try:
        await asyncio.gather(*(layer.group_add("pool-test", name) for name in channels))
        await asyncio.gather(*(layer.group_discard("pool-test", name) for name in channels))
    finally:
        await layer.close_pools()


def test_a_burst_of_joins_and_leaves_waits_for_connections_instead_of_failing():
    # Two connections for sixty sockets joining and leaving at the same moment.
    layer = EngageRedisChannelLayer(**layer_config(max_connections=2, timeout=20))
    asyncio.run(join_and_leave_at_once(layer))


def test_the_plain_pool_fails_the_same_burst():
    """The control: why EngageRedisChannelLayer exists (redis-py's pool raises)."""
    config = layer_config(max_connections=2)
    config["hosts"][0].pop("timeout")
    layer = RedisChannelLayer(**config)
    with pytest.raises(RedisConnectionError, match="Too many connections"):
        asyncio.run(join_and_leave_at_once(layer))


def test_pub_sub_channels_of_two_redis_databases_do_not_mix():
    """Pub/sub ignores database numbers: the number goes into the layer's prefix."""
    prefixes = {
        cache_and_channel_layers(f"redis://127.0.0.1:6379/{n}", backend="pubsub")[1]["default"][
            "CONFIG"
        ]["prefix"]
        for n in (1, 2)
    }
    assert len(prefixes) == 2
