"""Parallel test workers (pytest -n) each use their own Redis database, since tests
empty the cache with FLUSHDB (engage/settings/test.py)."""

from engage.settings.test import worker_redis_url


def test_each_worker_takes_the_database_after_the_previous_ones():
    assert worker_redis_url("redis://127.0.0.1:6379/0", "gw0") == "redis://127.0.0.1:6379/0"
    assert worker_redis_url("redis://127.0.0.1:6379/0", "gw1") == "redis://127.0.0.1:6379/1"
    assert worker_redis_url("redis://127.0.0.1:6379/3", "gw2") == "redis://127.0.0.1:6379/5"
    assert worker_redis_url("redis://:secret@redis:6380", "gw1") == "redis://:secret@redis:6380/1"


def test_redis_has_sixteen_databases_so_the_numbers_wrap():
    assert worker_redis_url("redis://127.0.0.1:6379/15", "gw1") == "redis://127.0.0.1:6379/0"


def test_outside_a_parallel_run_the_url_is_kept():
    assert worker_redis_url("redis://127.0.0.1:6379/7", "") == "redis://127.0.0.1:6379/7"
    assert worker_redis_url("redis://127.0.0.1:6379/7", "master") == "redis://127.0.0.1:6379/7"


def test_a_url_without_a_database_number_is_kept():
    assert worker_redis_url("unix:///run/redis.sock", "gw1") == "unix:///run/redis.sock"
