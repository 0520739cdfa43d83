"""Co-authored brief: ten editors making 100 edits each at the same time.

Through the real stack in one process: Channels' WebsocketCommunicator, the session
cookie, the Redis channel layer, PostgreSQL (every update is logged before it is
relayed). Each editor is a pycrdt document speaking the Yjs sync protocol
(tests/briefs/yclient.py) and types one token every PACE seconds, without waiting for
the others.

Printed: the time until every replica (and the stored document) has converged after the
last edit, and the median and 95th-percentile time for one edit to reach the other
editors, against the round trip of an empty message (a `ping` frame answered with
`pong`) on the same socket, measured in the same run. Not asserted on time.
"""

import asyncio
import bisect
import datetime
import json
import statistics
import time

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.utils import timezone

from consultations.briefs import rooms, services, ydoc
from engage.asgi import application
from tests.benchmarks.conftest import report
from tests.briefs.conftest import add_coauthor, socket_headers
from tests.briefs.yclient import CommunicatorTransport, YClient, clocks, paragraph_text

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
    from consultations.models import CoDesignSession

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
    return session, brief, [socket_headers(user) for user in users]


async def ping_round_trips(communicator):
    timings = []
    for _ in range(PINGS):
        start = time.perf_counter()
        await communicator.send_to(text_data=json.dumps({"type": "ping"}))
        while True:
            message = await asyncio.wait_for(communicator.output_queue.get(), 5)
            if message.get("text"):
                break
        timings.append(time.perf_counter() - start)
    return timings


async def run():
    session, brief, headers = await sync_to_async(build_session)()
    rooms.forget_all_rooms()
    clients = []
    for index, header in enumerate(headers):
        communicator = WebsocketCommunicator(
            application, f"/ws/codesign/briefs/{session.pk}/", headers=header
        )
        connected, _code = await communicator.connect(timeout=10)
        assert connected
        client = YClient(CommunicatorTransport(communicator), f"editor{index}")
        assert await client.handshake(timeout=10)
        clients.append(client)
    await asyncio.gather(*(client.pump(timeout=0.5, idle=0.2) for client in clients))

    baseline = await ping_round_trips(clients[0].transport.communicator)

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
        await client.transport.communicator.disconnect()
    stored, _last = await sync_to_async(services.load_document)(brief.pk)
    return {
        "baseline": baseline,
        "latencies": latencies,
        "editing": last_edit - start,
        "converge_after_last_edit": converged - last_edit,
        "replicas_equal": len(texts) == 1,
        "stored_equal": ydoc.plain_text(stored) in texts,
        "tokens": sum(text.count("[") for text in texts) if len(texts) == 1 else None,
    }


def p95(values):
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


async def test_ten_editors_hundred_edits_each_converge():
    result = await run()
    baseline = statistics.median(result["baseline"])
    latencies = result["latencies"]
    report(
        f"co-authored brief, {EDITORS} editors x {EDITS} edits (one every {PACE * 1000:.0f} ms)",
        [
            ("empty-message round trip, median (baseline)", f"{baseline * 1000:.2f} ms"),
            (
                "edit reaches another editor, median",
                f"{statistics.median(latencies) / baseline:.1f}x baseline",
            ),
            (
                "edit reaches another editor, 95th percentile",
                f"{p95(latencies) / baseline:.1f}x baseline ({p95(latencies) * 1000:.1f} ms)",
            ),
            ("deliveries timed", f"{len(latencies)} (expected {EDITORS * EDITS * (EDITORS - 1)})"),
            ("editing took", f"{result['editing']:.1f} s"),
            (
                "converged after the last edit",
                f"{result['converge_after_last_edit'] * 1000:.0f} ms",
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
