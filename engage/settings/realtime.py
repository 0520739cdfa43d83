"""Redis, the cache and the channel layer (WebSockets): docs/websockets.md."""

from .environment import env

REDIS_URL = env("REDIS_URL")


# Channel layer tuning (docs/websockets.md, "Channel layer settings"). channels-redis
# blocks on Redis for CHANNEL_LAYER_BLOCKING_READ seconds (its brpop_timeout, 5 s) while
# a process waits for messages, so the socket timeout of those connections must be
# longer, or every idle socket dies with the read (redis-py's default is also 5 s).
CHANNEL_LAYER_BLOCKING_READ = 5
CHANNEL_LAYER_SOCKET_TIMEOUT = float(env("CHANNEL_LAYER_SOCKET_TIMEOUT", "15"))
# Undelivered messages Redis keeps for one process (it joins each group once, see
# engage/realtime/relay.py) before newer ones for it are dropped, and seconds an
# undelivered message lives. A process that fell behind (CPU starved) delivers late
# rather than dropping: every dropped message makes every open page resync at once,
# which an overloaded server can least afford. Clients see gaps in the sequence numbers
# and resync (docs/websockets.md, "Missed messages").
CHANNEL_LAYER_CAPACITY = int(env("CHANNEL_LAYER_CAPACITY", "5000"))
CHANNEL_LAYER_EXPIRY = int(env("CHANNEL_LAYER_EXPIRY", "120"))
# Connections per process and pool; when all are busy, callers wait up to
# CHANNEL_LAYER_POOL_WAIT seconds for one instead of failing.
CHANNEL_LAYER_MAX_CONNECTIONS = int(env("CHANNEL_LAYER_MAX_CONNECTIONS", "100"))
CHANNEL_LAYER_POOL_WAIT = float(env("CHANNEL_LAYER_POOL_WAIT", "10"))
# "redis" (channels-redis' RedisChannelLayer: one Redis list entry per receiving socket)
# or "pubsub" (RedisPubSubChannelLayer: one PUBLISH per group message, each process fans
# out to its own sockets). Measurements and trade-offs: docs/websockets.md.
CHANNEL_LAYER_BACKEND = env("CHANNEL_LAYER_BACKEND", "redis")


def redis_connection_options(socket_timeout):
    """redis-py options for long-lived connections to Redis.

    - `socket_connect_timeout` 2 s: an unreachable Redis fails fast (requests, /readyz);
    - `socket_timeout`: the longest wait for one answer;
    - `socket_keepalive`: the kernel notices a peer that vanished without closing;
    - `health_check_interval` 30 s: a connection idle longer is PINGed before reuse, so
      a connection broken by a Redis restart is replaced rather than failing a request;
    """
    return {
        "socket_connect_timeout": 2,
        "socket_timeout": socket_timeout,
        "socket_keepalive": True,
        "health_check_interval": 30,
    }


def cache_and_channel_layers(redis_url, prefix="engage", backend=None):
    """CACHES and CHANNEL_LAYERS: Redis at `redis_url`, or in-process when it is None.

    The cache (`engage.cache.TolerantRedisCache`) answers as a miss, with a warning,
    while Redis is unreachable. The channel layer (`engage.realtime.layers`) keeps idle
    sockets open (socket timeout above the blocking read) and waits for a free
    connection when its pool is busy.
    """
    if not redis_url:
        return (
            {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
            {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}},
        )
    caches = {
        "default": {
            "BACKEND": "engage.cache.TolerantRedisCache",
            "LOCATION": redis_url,
            # Fail fast instead of hanging requests (and /readyz) when Redis is away.
            "OPTIONS": redis_connection_options(socket_timeout=2),
            "KEY_PREFIX": prefix,
        }
    }
    host = {
        "address": redis_url,
        **redis_connection_options(
            socket_timeout=max(CHANNEL_LAYER_SOCKET_TIMEOUT, CHANNEL_LAYER_BLOCKING_READ + 5)
        ),
        "max_connections": CHANNEL_LAYER_MAX_CONNECTIONS,
        "timeout": CHANNEL_LAYER_POOL_WAIT,
    }
    if (backend or CHANNEL_LAYER_BACKEND) == "pubsub":
        # Publishing needs one connection at a time per process: no pool wait. Pub/sub
        # channels ignore Redis' database numbers, so the number goes into the prefix:
        # two sites on one Redis (redis://…/1 and …/2) never hear each other.
        from urllib.parse import urlsplit

        host.pop("timeout")
        database = (urlsplit(redis_url).path.strip("/") or "0").split("/")[0]
        return caches, {
            "default": {
                "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
                "CONFIG": {"hosts": [host], "prefix": f"{prefix}-db{database}"},
            }
        }
    channel_layers = {
        "default": {
            "BACKEND": "engage.realtime.layers.EngageRedisChannelLayer",
            "CONFIG": {
                "hosts": [host],
                "prefix": prefix,
                "capacity": CHANNEL_LAYER_CAPACITY,
                "expiry": CHANNEL_LAYER_EXPIRY,
            },
        }
    }
    return caches, channel_layers


# Cache and channel layer: Redis when REDIS_URL is set, in-process otherwise.
CACHES, CHANNEL_LAYERS = cache_and_channel_layers(REDIS_URL)
