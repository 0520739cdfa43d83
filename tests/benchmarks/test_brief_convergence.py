"""Co-authored brief: ten editors making 100 edits each at the same time.

Over real sockets: a daphne subprocess on a free port (tests/liveserver.py) serving the
project with the Redis channel layer and PostgreSQL (every update is logged before it is
relayed); each editor logs in with a real session cookie and holds a real WebSocket
(the lean client of tests/liveserver.py), and is a pycrdt document speaking the Yjs sync
protocol (tests/briefs/yclient.py) that types one token every PACE seconds, without
waiting for the others. Every socket is read by its own task into a queue, so a timeout
never cuts a frame in half.

Printed: the time until every replica (and the stored document) has converged after the
last edit, and the median and 95th-percentile time for one edit to reach the other
editors, against the round trip of an empty message (a `ping` text frame answered with
`pong`) over the same real socket, measured in the same run. Not asserted on time. The
load client shares the machine with the server: absolute figures are printed too.
"""

import asyncio
import bisect
import datetime
import json
import statistics
import time

import pytest
from asgiref.sync import sync_to_async
from django.utils import timezone

from consultations.briefs import services, ydoc
from tests.benchmarks.conftest import report
from tests.briefs.conftest import add_coauthor, session_cookie
from tests.briefs.yclient import YClient, clocks, paragraph_text
from tests.liveserver import OP_BINARY, Closed, WebSocket, daphne_factory  # noqa: F401

EDITORS = 10
EDITS = 100
PACE = 0.05
PINGS = 50

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def build_session():
    from consultations.codesign.models import CoDesignSession

    now = timezone.now()
    session = CoDesignSession.objects.create(
        title="Benchmark brief",
        purpose="Measure.",
        starts_at=now - datetime.timedelta(hours=2),
        ends_at=now - datetime.timedelta(hours=1),
    )
    users = [add_coauthor(session) for _ in range(EDITORS)]
    brief = services.brief_for_session(session)
    services.apply_server_change(brief, None, lambda doc: ydoc.append_paragraph(doc, "Start "))
    return session, brief, [session_cookie(user) for user in users]


class SocketTransport:
    """YClient's transport over a real WebSocket: binary frames out; a reader task
    queues what comes in (text as bytes), so `receive(timeout)` never cuts a frame."""

    def __init__(self, socket):
        self.socket = socket
        self.closed_with = None
        self.texts = asyncio.Queue()
        self.frames = asyncio.Queue()
        self.reader = asyncio.ensure_future(self._read())

    async def _read(self):
        try:
            while True:
                message = await self.socket.recv()
                if isinstance(message, str):
                    await self.texts.put(message)
                else:
                    await self.frames.put(message)
        except Closed as closed:
            self.closed_with = closed.code
            await self.frames.put(None)

    async def send(self, data):
        await self.socket._send(OP_BINARY, data)

    async def receive(self, timeout):
        try:
            return await asyncio.wait_for(self.frames.get(), timeout)
        except TimeoutError:
            return None

    async def close(self):
        self.reader.cancel()
        await self.socket.close()


async def ping_round_trips(transport):
    """Round trips of an empty message over the real socket (`ping` answered `pong`)."""
    timings = []
    for _ in range(PINGS):
        start = time.perf_counter()
        await transport.socket.send_text(json.dumps({"type": "ping"}))
        await asyncio.wait_for(transport.texts.get(), 5)
        timings.append(time.perf_counter() - start)
    return timings


async def run(server):
    session, brief, cookies = await sync_to_async(build_session)()
    url = f"{server.ws_url}/ws/codesign/briefs/{session.pk}/"
    clients = []
    for index, cookie in enumerate(cookies):
        socket = await WebSocket.connect(url, headers={"Cookie": f"sessionid={cookie}"})
        client = YClient(SocketTransport(socket), f"editor{index}")
        assert await client.handshake(timeout=10)
        clients.append(client)
    await asyncio.gather(*(client.pump(timeout=0.5, idle=0.2) for client in clients))

    baseline = await ping_round_trips(clients[0].transport)

    sent = {}  # sender client id -> [(clock after the edit, send time)], in order
    latencies = []
    seen = [{} for _ in clients]  # per receiver: client id -> clock already timed
    done = asyncio.Event()

    async def receive(index, client):
        while not done.is_set():
            data = await client.transport.receive(0.05)
            if data is None:
                continue
            await client.handle(data)
            if data[0] != 0:  # only sync messages carry edits
                continue
            now = time.perf_counter()
            for cid, clock in clocks(client.doc).items():
                previous = seen[index].get(cid, 0)
                if cid == client.doc.client_id or clock <= previous:
                    continue
                edits = sent.get(cid, [])
                first = bisect.bisect_right(edits, (previous, float("inf")))
                for after, at in edits[first:]:
                    if after > clock:
                        break
                    latencies.append(now - at)
                seen[index][cid] = clock

    async def edit(index, client):
        mine = sent.setdefault(client.doc.client_id, [])
        for number in range(EDITS):
            text = paragraph_text(client.doc)
            token = f"[{index}.{number}]"
            await client.edit(lambda _doc, text=text, token=token: text.insert(len(text), token))
            mine.append((clocks(client.doc)[client.doc.client_id], time.perf_counter()))
            await asyncio.sleep(PACE)

    receivers = [asyncio.ensure_future(receive(i, c)) for i, c in enumerate(clients)]
    start = time.perf_counter()
    await asyncio.gather(*(edit(i, c) for i, c in enumerate(clients)))
    last_edit = max(at for edits in sent.values() for _clock, at in edits)
    while True:
        states = {tuple(sorted(clocks(c.doc).items())) for c in clients}
        if len(states) == 1 or time.perf_counter() - last_edit > 120:
            break
        await asyncio.sleep(0.01)
    converged = time.perf_counter()
    done.set()
    await asyncio.gather(*receivers)
    texts = {c.text() for c in clients}
    for client in clients:
        await client.transport.close()
    # The server stores every update; wait (up to 30 s) until the stored document has
    # them all, and report how long that took after convergence.
    while True:
        stored, _last = await sync_to_async(services.load_document)(brief.pk)
        if ydoc.plain_text(stored) in texts or time.perf_counter() - converged > 30:
            break
        await asyncio.sleep(0.05)
    stored_after = time.perf_counter() - converged
    await sync_to_async(close_connections)()
    return {
        "baseline": baseline,
        "latencies": latencies,
        "editing": last_edit - start,
        "converge_after_last_edit": converged - last_edit,
        "replicas_equal": len(texts) == 1,
        "stored_equal": ydoc.plain_text(stored) in texts,
        "stored_after": stored_after,
        "tokens": sum(text.count("[") for text in texts) if len(texts) == 1 else None,
    }


def close_connections():
    """End this thread's database connections before the test database is dropped."""
    from django.db import connections

    connections.close_all()


def p95(values):
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


async def test_ten_editors_hundred_edits_each_converge(daphne_factory):  # noqa: F811
    server = daphne_factory()
    try:
        result = await run(server)
    except Exception:
        print("\n   server output (last 3,000 characters):\n", server.output()[-3000:])
        raise
    baseline = statistics.median(result["baseline"])
    latencies = result["latencies"]
    report(
        f"co-authored brief, {EDITORS} editors x {EDITS} edits (one every {PACE * 1000:.0f} ms)",
        [
            (
                "empty-message round trip over a real socket, median (baseline)",
                f"{baseline * 1000:.2f} ms",
            ),
            (
                "edit reaches another editor, median",
                f"{statistics.median(latencies) / baseline:.1f}x baseline "
                f"({statistics.median(latencies) * 1000:.1f} ms)",
            ),
            (
                "edit reaches another editor, 95th percentile",
                f"{p95(latencies) / baseline:.1f}x baseline ({p95(latencies) * 1000:.1f} ms)",
            ),
            ("server RSS after the run", f"{server.rss_kib():,} KiB"),
            ("deliveries timed", f"{len(latencies)} (expected {EDITORS * EDITS * (EDITORS - 1)})"),
            ("editing took", f"{result['editing']:.1f} s"),
            (
                "converged after the last edit",
                f"{result['converge_after_last_edit'] * 1000:.0f} ms",
            ),
            (
                "stored document complete after convergence",
                f"{result['stored_after'] * 1000:.0f} ms",
            ),
            (
                "all replicas equal / stored equal",
                f"{result['replicas_equal']} / {result['stored_equal']}",
            ),
            ("tokens in the final text", f"{result['tokens']} (expected {EDITORS * EDITS})"),
        ],
    )
    assert result["replicas_equal"] and result["stored_equal"]
    assert result["tokens"] == EDITORS * EDITS
