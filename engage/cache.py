"""A Redis cache that degrades to a miss when Redis is unreachable.

The cache is an accelerator: Wagtail keeps the site root paths in it (every page URL
goes through them), reports keep their versions in it, rate limits their counters. If
an outage of Redis made those calls raise, a comment that was saved would answer 500
because its redirect builds a page URL. `TolerantRedisCache` (the `default` cache when
REDIS_URL is set, see `cache_and_channel_layers` in engage/settings/base.py) answers
every call as if the key were missing instead, and logs a warning (at most one every
`LOG_EVERY` seconds per process, with the number of failures in between):

- reads (`get`, `get_many`, `has_key`) return the default / nothing;
- writes (`set`, `set_many`, `touch`, `delete`, `delete_many`, `clear`) do nothing;
- `add` answers True (on a miss it would have stored the value), `incr`/`decr` answer
  `delta` (a counter that starts again).

So during an outage rate limits and cached reports start from nothing, and each page
URL is computed from the database: slower, never an error. Health checks must see the
outage: `strict()` gives a copy that raises as the plain backend does (engage/health.py).
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("engage.cache")

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError, OSError)
LOG_EVERY = 10.0


class _OutageLog:
    """Log the first failure, then at most one line every LOG_EVERY seconds."""

    def __init__(self):
        self.lock = threading.Lock()
        self.last = None
        self.suppressed = 0

    def failed(self, operation, error):
        now = time.monotonic()
        with self.lock:
            if self.last is not None and now - self.last < LOG_EVERY:
                self.suppressed += 1
                return
            suppressed, self.suppressed, self.last = self.suppressed, 0, now
        logger.warning(
            "Cache unavailable, %s answered as a miss (%s more failures since the last "
            "warning): %s",
            operation,
            suppressed,
            error or type(error).__name__,
        )


outage_log = _OutageLog()


def _tolerant(name, fallback):
    plain = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if self.strict_mode:
            return plain(self, *args, **kwargs)
        try:
            return plain(self, *args, **kwargs)
        except OUTAGE_ERRORS as error:
            outage_log.failed(name, error)
            return fallback(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = f"`RedisCache.{name}`, answered as a miss when Redis is unreachable."
    return method


def _default(key, default=None, version=None):
    return default


class TolerantRedisCache(RedisCache):
    """Django's RedisCache whose calls degrade to a miss (logged) on connection errors."""

    strict_mode = False

    def __init__(self, server, params):
        super().__init__(server, params)
        self._init_args = (server, params)

    get = _tolerant("get", _default)
    get_many = _tolerant("get_many", lambda *args, **kwargs: {})
    has_key = _tolerant("has_key", lambda *args, **kwargs: False)
    set = _tolerant("set", lambda *args, **kwargs: None)
    set_many = _tolerant("set_many", lambda *args, **kwargs: [])
    add = _tolerant("add", lambda *args, **kwargs: True)
    touch = _tolerant("touch", lambda *args, **kwargs: False)
    delete = _tolerant("delete", lambda *args, **kwargs: False)
    delete_many = _tolerant("delete_many", lambda *args, **kwargs: None)
    clear = _tolerant("clear", lambda *args, **kwargs: False)
    incr = _tolerant("incr", lambda key, delta=1, version=None: delta)
    decr = _tolerant("decr", lambda key, delta=1, version=None: -delta)

    def incr_counter(self, key, version=None):
        """Add one to the counter at `key` (created at 0, no expiry) in one round trip;
        None when Redis is unreachable."""
        key = self.make_and_validate_key(key, version=version)
        try:
            return int(self._cache.get_client(key, write=True).incr(key))
        except OUTAGE_ERRORS as error:
            if self.strict_mode:
                raise
            outage_log.failed("incr_counter", error)
            return None

    def strict(self):
        """A new instance on the same server that raises like the plain backend, with its
        own connection pool (close it with `close_pools()`)."""
        clone = type(self)(*self._init_args)
        clone.strict_mode = True
        return clone

    def close_pools(self):
        """Disconnect every connection this instance opened."""
        for pool in list(self._cache._pools.values()):
            pool.disconnect()
