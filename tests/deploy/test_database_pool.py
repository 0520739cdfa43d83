"""The PostgreSQL connection pool: production takes its connections from a psycopg pool of
DB_POOL_MAX_SIZE per process; more requests than connections wait for one instead of
failing; one that waits longer than DB_POOL_TIMEOUT answers 503 "busy, try again", not
500 (engage.dbpool).

The suite itself runs without a pool (engage.settings.test): the requests here go through
a second alias on the test database whose connections come from a real psycopg pool, in
threads, as an ASGI worker runs each request's synchronous code in a thread of its own.
"""

import json
import os
import secrets
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.db import connections
from django.db.backends.postgresql.base import DatabaseWrapper
from django.test import Client

from engage import health
from tests.deploy import pool_urls

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.postgres


@pytest.fixture
def pooled(db, settings):
    """make(max_size, timeout): the "pooled" alias on the test database, with a pool."""
    settings.ROOT_URLCONF = "tests.deploy.pool_urls"
    settings.MIDDLEWARE = [
        "engage.dbpool.DatabaseBusyMiddleware",
        "tests.deploy.pool_urls.HoldInMiddleware",
    ]
    default = connections["default"].settings_dict

    def make(max_size, timeout):
        pool_urls.SETTINGS.clear()
        pool_urls.SETTINGS.update(
            {
                **default,
                "CONN_MAX_AGE": 0,
                "OPTIONS": {
                    **default.get("OPTIONS", {}),
                    "pool": {"min_size": 1, "max_size": max_size, "timeout": timeout},
                },
            }
        )
        return pool_urls.pooled_connection().pool

    yield make
    pool_urls.holding.clear()
    pool_urls.give_back()
    pool = DatabaseWrapper._connection_pools.pop(pool_urls.ALIAS, None)
    if pool is not None:
        pool.close()


def get(path):
    """GET `path` in this thread (its connection goes back when the response is done)."""
    return Client(raise_request_exception=False).get(path)


def get_all(paths):
    with ThreadPoolExecutor(max_workers=len(paths)) as executor:
        return list(executor.map(get, paths))


def test_more_requests_than_pooled_connections_wait_and_all_succeed(pooled):
    pool = pooled(max_size=2, timeout=60)
    responses = get_all(["/hold/?seconds=0.3"] * 6)
    assert [response.status_code for response in responses] == [200] * 6
    backends = {response.json()["pid"] for response in responses}
    assert 1 <= len(backends) <= 2, "six requests were served by at most two connections"
    stats = pool.get_stats()
    assert stats["pool_max"] == 2 and stats["pool_size"] <= 2
    assert stats["requests_queued"] >= 1, "some requests waited for a connection"
    assert stats.get("requests_errors", 0) == 0


def test_a_request_that_waits_past_the_timeout_answers_503_busy(pooled):
    pooled(max_size=1, timeout=0.5)
    with ThreadPoolExecutor(max_workers=1) as executor:
        holder = executor.submit(get, "/hold/?seconds=4")
        assert pool_urls.holding.wait(30), "the first request never got its connection"
        page, in_middleware, api = get_all(["/hold/", "/hold/?in_middleware=1", "/api/v1/hold/"])
        held = holder.result(timeout=60)
    assert held.status_code == 200

    for response in (page, in_middleware):
        assert response.status_code == 503
        assert response["Retry-After"] == "5" and response["Cache-Control"] == "no-store"
        html = response.content.decode()
        assert "<h1>Engage is busy</h1>" in html and "try again" in html
        assert '<html lang="en" dir="ltr">' in html
    assert api.status_code == 503 and api["Content-Type"] == "application/json"
    assert "try again" in api.json()["detail"]

    # Once the connection is back, the same request succeeds.
    assert get("/hold/").status_code == 200


def test_other_database_errors_are_still_500(pooled, settings):
    """Only waiting for the pool is "busy": a broken query stays a server error."""
    pooled(max_size=1, timeout=5)
    response = get("/hold/?seconds=not-a-number")
    assert response.status_code == 500


def production_settings(**overrides):
    """Database settings of engage.settings.production under `overrides` (a subprocess:
    settings modules read the environment once)."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "postgres://engage:secret@db.internal:5432/engage",
        "REDIS_URL": "redis://redis.internal:6379/0",
        "ALLOWED_HOSTS": "engage.example.org",
        "EMAIL_URL": "console:",
        "INCIDENT_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        **overrides,
    }
    script = (
        "import json, engage.settings.production as s; "
        "d = s.DATABASES['default']; "
        "print(json.dumps({'pool': d['OPTIONS'].get('pool'), 'age': d['CONN_MAX_AGE'], "
        "'middleware': s.MIDDLEWARE}))"
    )
    result = subprocess.run(  # noqa: S603 - this interpreter, our own script
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode:
        return result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_pools_connections_from_the_environment():
    read = production_settings(DB_POOL_MAX_SIZE="4", DB_POOL_MIN_SIZE="1", DB_POOL_TIMEOUT="2.5")
    assert read["pool"] == {"min_size": 1, "max_size": 4, "timeout": 2.5, "name": "engage"}
    assert read["age"] == 0, "Django's pool needs CONN_MAX_AGE=0"
    middleware = read["middleware"]
    assert middleware.index("engage.dbpool.DatabaseBusyMiddleware") + 1 == middleware.index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )

    default = production_settings()
    assert default["pool"] == {"min_size": 2, "max_size": 10, "timeout": 10.0, "name": "engage"}

    off = production_settings(DB_POOL_MAX_SIZE="0", CONN_MAX_AGE="30")
    assert off["pool"] is None and off["age"] == 30
    assert "engage.dbpool.DatabaseBusyMiddleware" not in off["middleware"]


def test_production_refuses_conn_max_age_with_the_pool():
    error = production_settings(CONN_MAX_AGE="60")
    assert isinstance(error, str)
    assert "CONN_MAX_AGE cannot be used with the database connection pool" in error


def test_readiness_checks_the_database_beside_an_exhausted_pool(pooled):
    """/readyz's database check does not queue for a pooled connection: a worker whose
    pool is all in use is busy, not down (without its own connection it would wait for
    the pool's timeout and raise)."""
    pool = pooled(max_size=1, timeout=1)
    pool.open(wait=True)
    taken = pool.getconn()
    try:
        health.check_database(pool_urls.pooled_connection())
        assert pool.get_stats()["pool_available"] == 0, "the pool's only connection stays out"
    finally:
        pool.putconn(taken)
