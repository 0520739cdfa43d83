"""Real servers for tests: daphne subprocesses on free ports, and a lean WebSocket client.

Use these where behaviour depends on the real server and the real channel layer (idle
sockets, Redis timeouts, several worker processes), which in-process
`WebsocketCommunicator` tests cannot show.

API
---
`DaphneProcess(env=None, args=(), application="engage.asgi:application")`
    `.start(timeout=30)` binds a listening socket on 127.0.0.1 port 0 in this process and
    hands it to `python -m daphne --fd` (so the port is free by construction, no race),
    then waits until `/healthz` answers. `.port`, `.url`, `.ws_url`, `.pid`, `.rss_kib()`,
    `.cpu_seconds()`, `.stop()` (SIGTERM, then SIGKILL after 10 s), `.output()` (its stdout/stderr so far).
    The child gets DJANGO_SETTINGS_MODULE=engage.settings.test and the DATABASE_URL /
    REDIS_URL of this test run (`service_env()`), plus `env`.

`daphne_factory` (pytest fixture): `start(**kwargs)` returns a started DaphneProcess;
    every server started is stopped when the test ends. It requests `transactional_db`
    (the child sees only committed rows, so tests that use it commit theirs) and skips
    (or fails with REQUIRE_SERVICES=1) without PostgreSQL and Redis.
    Import it into a test module: `from tests.liveserver import daphne_factory`.

`WebSocket.connect(url, origin=..., headers=..., timeout=10)` (async): a minimal RFC 6455
    client on asyncio streams (no dependency): `send_json`, `send_text`, `recv()` (text
    or bytes; answers server pings itself; raises `Closed(code, reason)` on a close
    frame or EOF), `recv_json(timeout=None)`, `close(code=1000)`, `.close_code`.

`free_closed_port()`: a TCP port on 127.0.0.1 on which nothing listens right now.
"""

import asyncio
import base64
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_closed_port():
    """A port on 127.0.0.1 that nothing listens on: bound then released, never listened."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(settings_dict):
    """A DATABASE_URL for Django's connection settings (the test database during a run)."""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


def service_env():
    """DATABASE_URL and REDIS_URL of this test run, for a child process."""
    from django.conf import settings
    from django.db import connection

    return {
        "DATABASE_URL": database_url(connection.settings_dict),
        "REDIS_URL": settings.TEST_REDIS_URL,
        # Already this worker's database under pytest -n (engage/settings/test.py).
        "ENGAGE_TEST_REDIS_URL_FINAL": "1",
    }


class DaphneProcess:
    """`python -m daphne` serving the project in a child process on a free port."""

    host = "127.0.0.1"

    def __init__(self, env=None, args=(), application="engage.asgi:application"):
        self.env = dict(env or {})
        self.args = list(args)
        self.application = application
        self.process = None
        self.port = None
        self.application_name = None
        self._log = None

    @property
    def url(self):
        return f"http://{self.host}:{self.port}"

    @property
    def ws_url(self):
        return f"ws://{self.host}:{self.port}"

    @property
    def pid(self):
        return self.process.pid

    def start(self, timeout=30):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.host, 0))
        listener.listen(4096)
        self.port = listener.getsockname()[1]
        services = service_env()
        if services["DATABASE_URL"].startswith("postgres"):
            # Named, so that stop() can find its database sessions.
            self.application_name = f"engage-test-daphne-{os.getpid()}-{self.port}"
            services["DATABASE_URL"] += f"?application_name={self.application_name}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "engage.settings.test",
            "PYTHONUNBUFFERED": "1",
            **services,
            **self.env,
        }
        self._log = tempfile.TemporaryFile(prefix="daphne-")
        fd = listener.fileno()
        try:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and daphne
                [
                    sys.executable,
                    "-m",
                    "daphne",
                    "--fd",
                    str(fd),
                    "-v",
                    "1",
                    *self.args,
                    self.application,
                ],
                cwd=ROOT,
                env=env,
                pass_fds=(fd,),
                stdout=self._log,
                stderr=subprocess.STDOUT,
            )
        finally:
            listener.close()  # the child holds its own copy
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"daphne exited at start:\n{self.output()}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"daphne did not answer within {timeout} s:\n{self.output()}")
            time.sleep(0.1)

    def rss_kib(self):
        """Resident memory of the server process, in KiB (from /proc)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def cpu_seconds(self):
        """CPU time the server process used so far (user + system, from /proc): unlike
        wall-clock times, it hardly depends on what else runs on the machine."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def output(self):
        if self._log is None:
            return ""
        self._log.flush()
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")

    def stop(self):
        """Stop the server, then end what is left of its database sessions.

        PostgreSQL notices a client that exited a moment later; a session it still
        counts keeps the test database from being flushed or dropped ("is being
        accessed by other users") at the end of the test or the run."""
        if self.process is None or self.process.poll() is not None:
            self._end_database_sessions()
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self._end_database_sessions()

    def _end_database_sessions(self):
        # A connection of its own: stop() may run inside an event loop or any thread.
        name = self.application_name
        if name is None:
            return
        import psycopg
        from django.db import connection

        with psycopg.connect(database_url(connection.settings_dict), autocommit=True) as own:
            own.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
                [name],
            )


@pytest.fixture
def daphne_factory(transactional_db, django_db_serialized_rollback):
    """Start real daphne processes for one test: `start(env=..., args=...)`.

    Transactional with serialized rollback, like every transactional test of the suite:
    a plain flush would re-run post_migrate, and the next serialized test could not
    restore the migrations' rows over the content types it recreated."""
    from django.conf import settings

    missing = [
        name
        for name, flag in (("PostgreSQL", "POSTGRES_AVAILABLE"), ("Redis", "REDIS_AVAILABLE"))
        if not getattr(settings, flag)
    ]
    if missing:
        reason = f"a daphne subprocess needs {' and '.join(missing)}"
        if settings.REQUIRE_SERVICES:
            pytest.fail(f"{reason} (REQUIRE_SERVICES=1)", pytrace=False)
        pytest.skip(reason)
    servers = []

    def start(**kwargs):
        server = DaphneProcess(**kwargs)
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()


# A lean WebSocket client (RFC 6455), enough for tests and load generation.

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
OP_CONTINUATION, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0, 1, 2, 8, 9, 10


class Closed(Exception):
    """The server closed the connection (code 1006 when it just went away)."""

    def __init__(self, code, reason=""):
        super().__init__(f"closed with {code} {reason}".strip())
        self.code = code
        self.reason = reason


class HandshakeFailed(Exception):
    """The server answered the upgrade request with something other than 101."""


def _mask(data, key):
    if not data:
        return data
    repeated = (key * (len(data) // 4 + 1))[: len(data)]
    return (int.from_bytes(data, "big") ^ int.from_bytes(repeated, "big")).to_bytes(
        len(data), "big"
    )


class WebSocket:
    def __init__(self, reader, writer):
        self.reader = reader
        self.writer = writer
        self.close_code = None

    @classmethod
    async def connect(cls, url, *, origin=None, headers=None, timeout=10):
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port or 80
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        lines = [
            f"GET {path} HTTP/1.1",
            f"Host: {host}:{port}",
            "Upgrade: websocket",
            "Connection: Upgrade",
            f"Sec-WebSocket-Key: {key}",
            "Sec-WebSocket-Version: 13",
            f"Origin: {origin or f'http://{host}:{port}'}",
            *(f"{name}: {value}" for name, value in (headers or {}).items()),
        ]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
        except (asyncio.IncompleteReadError, ConnectionError) as error:
            writer.close()
            raise HandshakeFailed(f"no answer to the upgrade request: {error}") from error
        status = head.split(b"\r\n", 1)[0].decode("latin-1")
        if " 101 " not in status + " ":
            writer.close()
            raise HandshakeFailed(status)
        return cls(reader, writer)

    def _frame(self, opcode, payload):
        header = bytes([0x80 | opcode])
        length = len(payload)
        if length < 126:
            header += bytes([0x80 | length])
        elif length < 65536:
            header += bytes([0x80 | 126]) + struct.pack("!H", length)
        else:
            header += bytes([0x80 | 127]) + struct.pack("!Q", length)
        key = os.urandom(4)
        return header + key + _mask(payload, key)

    async def _send(self, opcode, payload):
        self.writer.write(self._frame(opcode, payload))
        await self.writer.drain()

    async def send_text(self, text):
        await self._send(OP_TEXT, text.encode())

    async def send_json(self, content):
        await self.send_text(json.dumps(content))

    async def _read_frame(self):
        try:
            first, second = await self.reader.readexactly(2)
            length = second & 0x7F
            if length == 126:
                (length,) = struct.unpack("!H", await self.reader.readexactly(2))
            elif length == 127:
                (length,) = struct.unpack("!Q", await self.reader.readexactly(8))
            key = await self.reader.readexactly(4) if second & 0x80 else None
            payload = await self.reader.readexactly(length)
        except (asyncio.IncompleteReadError, ConnectionError) as error:
            self.close_code = self.close_code or 1006
            raise Closed(1006, "connection lost") from error
        if key:
            payload = _mask(payload, key)
        return bool(first & 0x80), first & 0x0F, payload

    async def recv(self):
        """The next text (str) or binary (bytes) message."""
        parts, kind = [], None
        while True:
            fin, opcode, payload = await self._read_frame()
            if opcode == OP_PING:
                await self._send(OP_PONG, payload)
                continue
            if opcode == OP_PONG:
                continue
            if opcode == OP_CLOSE:
                code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else 1005
                self.close_code = code
                try:
                    await self._send(OP_CLOSE, payload[:2])
                except ConnectionError:
                    pass
                self.writer.close()
                raise Closed(code, payload[2:].decode("utf-8", "replace"))
            if opcode != OP_CONTINUATION:
                kind = opcode
            parts.append(payload)
            if fin:
                data = b"".join(parts)
                return data.decode() if kind == OP_TEXT else data

    async def recv_json(self, timeout=None):
        """The next text message, decoded (binary messages are skipped)."""
        while True:
            message = await asyncio.wait_for(self.recv(), timeout)
            if isinstance(message, str):
                return json.loads(message)

    async def close(self, code=1000):
        try:
            await self._send(OP_CLOSE, struct.pack("!H", code))
        except (ConnectionError, RuntimeError):
            pass
        self.writer.close()
        try:
            await asyncio.wait_for(self.writer.wait_closed(), 5)
        except (ConnectionError, OSError, TimeoutError):
            pass
