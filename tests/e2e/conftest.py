"""Real-browser harness: Daphne serving the ASGI application, driven by Chromium.

`asgi_live_server` serves `engage.asgi.application` (HTTP, static files and WebSockets
through the real channel layer) from a Daphne server in a thread of this process, so
`django.core.mail.outbox` and `override_settings` are shared with the server. The
server's threads open their own database connections: the tests that use it are
transactional (`transaction=True`) and need PostgreSQL, where committed rows are
visible to every connection. Twisted's reactor cannot be restarted, so one server
serves the whole session.

`page` is a fresh browser context (no cookies) in Debian's Chromium at /usr/bin/chromium,
driven by Playwright's sync API; one Chromium serves each module (`browser`). `playwright install` is never needed. Without
Chromium the browser tests are skipped, unless REQUIRE_SERVICES=1.

Playwright's sync API marks its own event loop as running in the main thread between
calls. Django then takes the test body for async code: the browser fixture sets
DJANGO_ALLOW_ASYNC_UNSAFE while it lives, and hands the thread's database connections to
the async context too (asgiref keeps connections per context while a loop runs, and the
serialized rollback and test transactions live on the thread's). `outside_browser_loop()`
lets a test call `async_to_sync` (a channel-layer send, say) between browser steps.
"""

import asyncio
import contextlib
import os
import re
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
FAILURE_SCREENSHOTS = Path("/tmp")  # noqa: S108 - a place for people to look, not a secret


def missing_service(reason):
    """Skip the test, or fail it when the run requires every service."""
    if settings.REQUIRE_SERVICES:
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(reason)


class AsgiLiveServer:
    """Daphne serving the project's ASGI application from a background thread."""

    host = "127.0.0.1"

    def __init__(self):
        self.server = None
        self.thread = None
        self.port = None
        self.error = None

    @property
    def url(self):
        return f"http://{self.host}:{self.port}"

    @property
    def ws_url(self):
        return f"ws://{self.host}:{self.port}"

    def start(self, timeout=10):
        from daphne.endpoints import build_endpoint_description_strings
        from daphne.server import Server
        from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

        from engage.asgi import application

        self.server = Server(
            application=ASGIStaticFilesHandler(application),
            endpoints=build_endpoint_description_strings(host=self.host, port=0),
            signal_handlers=False,
            verbosity=0,
        )
        self.thread = threading.Thread(target=self._run, name="asgi-live-server", daemon=True)
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.listening_addresses:
            if self.error is not None or not self.thread.is_alive():
                raise RuntimeError(f"Daphne did not start: {self.error!r}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Daphne did not listen within {timeout} seconds")
            time.sleep(0.05)
        self.port = self.server.listening_addresses[0][1]

    def _run(self):
        try:
            self.server.run()
        except BaseException as error:  # noqa: BLE001 - reported by start()
            self.error = error

    def stop(self):
        from twisted.internet import reactor

        if reactor.running:
            reactor.callFromThread(reactor.stop)
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def _asgi_live_server_session(django_db_setup, django_db_blocker):
    if not settings.POSTGRES_AVAILABLE:
        missing_service(
            "the ASGI live server needs PostgreSQL: its threads cannot see an in-memory "
            "SQLite test database"
        )
    server = AsgiLiveServer()
    server.start()
    yield server
    server.stop()
    # Requests close their connections when they finish; make sure none outlives the
    # server, or PostgreSQL would refuse to drop the test database.
    with django_db_blocker.unblock():
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture
def asgi_live_server(_asgi_live_server_session, transactional_db, django_db_serialized_rollback):
    """The site over real HTTP and WebSockets: `.url`, `.ws_url`.

    The test is transactional, so that the server's connections see its data. Its
    serialized rollback restores what migrations created (Wagtail's root page, the
    default site, role groups) before each test, because each one ends by flushing
    every table.
    """
    return _asgi_live_server_session


@contextlib.contextmanager
def outside_browser_loop():
    """Hide Playwright's event loop from this thread, e.g. to call `async_to_sync`."""
    loop = asyncio._get_running_loop()
    asyncio._set_running_loop(None)
    try:
        yield
    finally:
        asyncio._set_running_loop(loop)


def share_database_connections():
    """Make code run while Playwright's loop is marked use this thread's connections."""
    from django.db import connections

    with outside_browser_loop():
        own = {alias: connections[alias] for alias in connections}
    for alias, connection in own.items():
        connections[alias] = connection


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module; each test gets fresh contexts (`page`, or
    `browser.new_context()`), so no cookie or storage is shared.

    Not wider than a module: Playwright's loop marks this thread as running an event
    loop while it lives, and pytest-django runs transactional tests (these, and the
    socket tests that call `asyncio.run`) interleaved across packages, so a longer-lived
    browser broke every socket test that ran while it was open."""
    with launched_chromium() as chromium:
        yield chromium


@pytest.fixture(autouse=True)
def _close_left_contexts(request):
    """After a test that used the browser, close the contexts it left open (a test that
    fails before its own `context.close()`), so that none outlives its test."""
    yield
    if "browser" in request.fixturenames:
        for context in list(request.getfixturevalue("browser").contexts):
            with contextlib.suppress(Exception):
                context.close()


@contextlib.contextmanager
def launched_chromium():
    """Debian's Chromium under Playwright, sharing this thread's database connections;
    skipped (or failed with REQUIRE_SERVICES=1) when Chromium is missing."""
    if not CHROMIUM.exists():
        missing_service(f"{CHROMIUM} is missing: install Debian's chromium (make browser)")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            share_database_connections()
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.e2e_failed = report.failed
    return report


@pytest.fixture
def page(request, browser, asgi_live_server):
    """A fresh browser tab with no cookies, its base URL the live server.

    On failure a screenshot goes to /tmp/e2e-failure-<test>.png.
    """
    context = browser.new_context(base_url=asgi_live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    if getattr(request.node, "e2e_failed", False):
        name = re.sub(r"[^\w.-]+", "-", request.node.name)
        with contextlib.suppress(Exception):
            tab.screenshot(path=FAILURE_SCREENSHOTS / f"e2e-failure-{name}.png", full_page=True)
    context.close()
