"""Test settings: the real PostgreSQL and Redis when they answer.

`make test` points DATABASE_URL and REDIS_URL at the local services by default. If one
does not answer, the suite falls back to SQLite or the in-memory channel layer and the
tests that need the real service are skipped with a reason (see tests/conftest.py),
unless REQUIRE_SERVICES=1, in which case the run fails.
"""

import socket
import tempfile
from urllib.parse import urlsplit, urlunsplit

from .base import *
from .database import use_pool


def reachable(url, default_port):
    """True when something accepts TCP connections at the URL's host and port."""
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), 1
        ):
            return True
    except OSError:
        return False


REQUIRE_SERVICES = env_bool("REQUIRE_SERVICES")
DEBUG = False
SECRET_KEY = "test-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]


def worker_redis_url(url, worker):
    """Under `pytest -n` (pytest-xdist), each worker's own Redis database: gw0 keeps the
    URL's, gw1 the next one, and so on (modulo Redis' 16). Tests empty the cache with
    FLUSHDB, which would empty another worker's cache and channel layer if they shared
    one. pytest-django gives each worker its own test database the same way."""
    parts = urlsplit(url)
    database = parts.path.strip("/") or "0"
    if not worker.startswith("gw") or not database.isdigit():
        return url  # not a worker, or not a TCP URL with a database number (a socket)
    moved = (int(database) + int(worker[2:])) % 16
    return urlunsplit(parts._replace(path=f"/{moved}"))


TEST_DATABASE_URL = env("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/engage")
# A child process that a test starts (tests/liveserver.py service_env) is given its
# worker's REDIS_URL already, with ENGAGE_TEST_REDIS_URL_FINAL=1.
TEST_REDIS_URL = env("REDIS_URL", "redis://127.0.0.1:6379/0")
if not env_bool("ENGAGE_TEST_REDIS_URL_FINAL"):
    TEST_REDIS_URL = worker_redis_url(TEST_REDIS_URL, env("PYTEST_XDIST_WORKER", ""))
POSTGRES_AVAILABLE = reachable(TEST_DATABASE_URL, 5432)
REDIS_AVAILABLE = reachable(TEST_REDIS_URL, 6379)

if POSTGRES_AVAILABLE:
    # CONN_MAX_AGE: persistent connections for child servers (tests/benchmarks/test_sockets.py).
    DATABASES = {
        "default": dj_database_url.parse(
            TEST_DATABASE_URL, conn_max_age=int(env("CONN_MAX_AGE", "0"))
        )
    }
    # DB_POOL_MAX_SIZE: the production connection pool, for child servers that stand
    # in for production (tests/benchmarks/socket_fleet.py); off in the test process.
    if int(env("DB_POOL_MAX_SIZE", "0")) > 0:
        MIDDLEWARE = use_pool(
            DATABASES["default"],
            MIDDLEWARE,
            min_size=1,
            max_size=int(env("DB_POOL_MAX_SIZE")),
            timeout=float(env("DB_POOL_TIMEOUT", "10")),
        )
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

REDIS_URL = TEST_REDIS_URL if REDIS_AVAILABLE else None
CACHES, CHANNEL_LAYERS = cache_and_channel_layers(REDIS_URL, prefix="engage-test")

# Tasks run inside the request, so tests see their effects. Child servers that stand in
# for production queue them in the database instead (TASKS_BACKEND, as in dev.py).
TASKS = {
    "default": {"BACKEND": env("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / ".test-media"
# Private files in a temporary folder of this run (never beside MEDIA_ROOT).
PRIVATE_ROOT = Path(tempfile.mkdtemp(prefix="engage-test-private-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# Most tests post as new accounts; the first-contributions rule of moderation is tested
# on its own with override_settings (tests/moderation).
MODERATION_TRUSTED_AFTER = 0
# Every test client posts from 127.0.0.1 and the counters live in the shared Redis, so a
# fast run would trip the per-address limits; tests/ratelimit turns them on with small values.
ENGAGE_RATE_LIMITS_ENABLED = False
