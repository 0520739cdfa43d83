"""The Redis channel layer Engage runs on, configured for long-lived sockets.

`cache_and_channel_layers` (engage/settings/base.py) builds its configuration; the
reasons for each value are in docs/websockets.md ("Channel layer settings").

`EngageRedisChannelLayer` is channels-redis' `RedisChannelLayer` with one change: its
connection pools are redis-py `BlockingConnectionPool`s. A burst of joins and leaves
(hundreds of pages closing at once) then waits up to `timeout` seconds for a free
connection instead of failing with "Too many connections" at `max_connections`.
"""

from channels_redis.core import RedisChannelLayer
from redis.asyncio import BlockingConnectionPool


class EngageRedisChannelLayer(RedisChannelLayer):
    """RedisChannelLayer whose pools wait for a free connection instead of raising."""

    def create_pool(self, index):
        host = dict(self.hosts[index])
        address = host.pop("address")
        return BlockingConnectionPool.from_url(address, **host)
