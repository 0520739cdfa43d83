"""The load client of the socket benchmarks (tests/benchmarks/test_sockets.py).

One asyncio process: every socket is read by its own task that only stamps each text
message on arrival (`Fleet.arrivals`); messages are decoded after each round. POSTs go
over plain HTTP/1.1 connections (`http_post`). Servers are real daphne processes
(tests/liveserver.py) with the channel layer named in `start_servers`.
"""

import asyncio
import json
import time

from tests.liveserver import Closed, DaphneProcess, HandshakeFailed, WebSocket

DELIVERY_TIMEOUT = 30.0


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def ms(seconds):
    return f"{seconds * 1000:.0f} ms"


class Fleet:
    """Many sockets on one or more servers; every text message is stamped on arrival."""

    def __init__(self, urls):
        self.urls = urls
        self.sockets = []
        self.arrivals = []  # (perf_counter, socket index, raw text)
        self.closed = []
        self.failed_handshakes = 0
        self.readers = []

    async def open(self, concurrency=50):
        """Open every socket; each starts reading at once (so it answers daphne's pings
        while the others are still opening)."""
        gate = asyncio.Semaphore(concurrency)

        async def one(url):
            async with gate:
                for _attempt in range(3):
                    try:
                        socket = await WebSocket.connect(url, timeout=30)
                    except (TimeoutError, HandshakeFailed, OSError):
                        await asyncio.sleep(0.5)
                        continue
                    index = len(self.sockets)
                    self.sockets.append(socket)
                    self.readers.append(asyncio.create_task(self._read(index, socket)))
                    return
                self.failed_handshakes += 1

        await asyncio.gather(*(one(url) for url in self.urls))

    async def _read(self, index, socket):
        arrivals = self.arrivals
        clock = time.perf_counter
        try:
            while True:
                message = await socket.recv()
                arrivals.append((clock(), index, message))
        except Closed as closed:
            self.closed.append((index, closed.code))
        except asyncio.CancelledError:
            pass

    async def ping_all(self, round_id):
        """Every socket sends `ping`; seconds from the first write to each `pong`."""
        start = len(self.arrivals)
        frame = json.dumps({"type": "ping", "id": round_id})
        started = time.perf_counter()
        gone = {index for index, _code in self.closed}
        live = [s for n, s in enumerate(self.sockets) if n not in gone]
        for socket in live:
            socket.writer.write(socket._frame(1, frame.encode()))
        # A socket the server reset meanwhile is counted by its reader, not here.
        await asyncio.gather(*(socket.writer.drain() for socket in live), return_exceptions=True)
        return await self.collect(
            start, started, lambda d: d.get("event") == "pong" and d["data"].get("id") == round_id
        )

    async def collect(self, start, started, matches, expected=None, timeout=DELIVERY_TIMEOUT):
        """Latencies of the messages that `matches`, once `expected` arrived or timeout."""
        expected = len(self.sockets) if expected is None else expected
        deadline = time.monotonic() + timeout
        latencies = []
        seen = start
        while True:
            for stamp, _index, raw in self.arrivals[seen:]:
                if matches(json.loads(raw)):
                    latencies.append(stamp - started)
            seen = len(self.arrivals)
            if len(latencies) >= expected or time.monotonic() > deadline:
                return latencies
            await asyncio.sleep(0.01)

    async def close(self):
        for reader in self.readers:
            reader.cancel()
        await asyncio.gather(*self.readers, return_exceptions=True)
        await asyncio.gather(*(socket.close() for socket in self.sockets), return_exceptions=True)


def socket_urls(servers, page, count):
    return [
        f"{servers[n % len(servers)].ws_url}/ws/consultations/{page.pk}/?seq=1"
        for n in range(count)
    ]


def use_layer(settings, layer):
    """This process publishes through the same kind of layer as the servers."""
    from engage.settings.realtime import cache_and_channel_layers

    _caches, settings.CHANNEL_LAYERS = cache_and_channel_layers(
        settings.TEST_REDIS_URL, prefix="engage-test", backend=layer
    )


def start_servers(count, layer="redis"):
    servers = []
    # The production connection pool (engage/settings/database.py): a bounded number
    # of connections per worker, which wait for each other under load, instead of one
    # per request thread. Tasks (text analysis, notifications) are queued for the
    # worker as in production, not run inside the POST: the figures are the web worker's.
    env = {
        "CHANNEL_LAYER_BACKEND": layer,
        "DB_POOL_MAX_SIZE": "10",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    try:
        for _ in range(count):
            servers.append(DaphneProcess(env=env).start(timeout=60))
    except Exception:
        for server in servers:
            server.stop()
        raise
    return servers


async def http_post(server, path, body, headers):
    """One POST over a fresh connection: (status, Location, started, seconds)."""
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection(server.host, server.port)
    payload = body.encode()
    head = [
        f"POST {path} HTTP/1.1",
        f"Host: {server.host}:{server.port}",
        "Content-Type: application/x-www-form-urlencoded",
        f"Content-Length: {len(payload)}",
        "Connection: close",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + payload)
    await writer.drain()
    response = await reader.read()
    writer.close()
    lines = response.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    location = next(
        (line.split(":", 1)[1].strip() for line in lines if line.lower().startswith("location:")),
        "",
    )
    return status, location, started, time.perf_counter() - started
