"""The embedded demo's SQLite copes with the web server and the task worker writing at
once: WAL, a busy timeout and IMMEDIATE transactions (engage/settings/dev.py).

(Issue 10: a bulk approve answered 500 "database is locked" while the worker wrote.)
"""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connections, transaction

from engage.settings import dev

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    busy = cursor.execute("PRAGMA busy_timeout").fetchone()[0]
print(mode, busy, connection.transaction_mode)
"""


def test_a_dev_settings_connection_uses_wal_a_busy_timeout_and_immediate_transactions(
    tmp_path,
):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "engage.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "SQLITE_BUSY_TIMEOUT": "",
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "20000", "IMMEDIATE"]


@pytest.fixture
def demo_database(tmp_path, django_db_blocker):
    """An extra database alias: a SQLite file with the demo's OPTIONS."""
    alias = "sqlite_demo"
    demo = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "demo.sqlite3"),
        "OPTIONS": dev.sqlite_options(busy_timeout=30),
    }
    configured = connections.configure_settings({"default": dict(demo), alias: demo})
    connections.settings[alias] = configured[alias]
    with django_db_blocker.unblock():
        yield alias
        connections[alias].close()
    del connections[alias]
    del connections.settings[alias]


def test_a_transaction_that_reads_then_writes_waits_for_a_concurrent_writer(demo_database):
    """The request reads, the worker writes meanwhile, the request writes (two
    connections to one SQLite file, as the server and the worker have). With DEFERRED
    transactions the request's write fails at once with "database is locked" (SQLite
    cannot upgrade a stale read, and does not wait for that); with IMMEDIATE ones the
    request holds the write lock from its start and the worker waits its turn (busy
    timeout) instead of failing."""
    with connections[demo_database].cursor() as cursor:
        cursor.execute("CREATE TABLE decision (who text)")
    started, errors = threading.Event(), []

    def worker():
        try:
            started.set()
            with connections[demo_database].cursor() as cursor:  # this thread's own
                cursor.execute("INSERT INTO decision VALUES ('worker')")
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections[demo_database].close()

    thread = threading.Thread(target=worker)
    with transaction.atomic(using=demo_database):
        with connections[demo_database].cursor() as cursor:
            cursor.execute("SELECT count(*) FROM decision")
        thread.start()
        started.wait(10)
        time.sleep(0.3)  # let the worker try its write first (ordering, not an assertion)
        with connections[demo_database].cursor() as cursor:
            cursor.execute("INSERT INTO decision VALUES ('request')")
    thread.join(60)
    with connections[demo_database].cursor() as cursor:
        cursor.execute("SELECT who FROM decision")
        rows = sorted(row[0] for row in cursor.fetchall())
    assert errors == []
    assert rows == ["request", "worker"]
