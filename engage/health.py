"""Health checks for load balancers and orchestrators.

`/healthz` says the process is alive. `/readyz` checks each dependency (database, cache,
channel layer, task backend) and answers 503 when one is down, with JSON naming it.

`/readyz` never hangs: the checks run side by side in worker threads and any check that
has not answered within `ENGAGE_READYZ_TIMEOUT` seconds (default 3) counts as down. The
clients have their own timeouts too (the channel layer round trip here; Redis and
PostgreSQL connect timeouts in settings), so a stuck thread does not linger.

The cache and channel-layer checks use their own short-lived clients, closed after each
check, never the process's: the process-wide channel layer belongs to the event loop that
serves the WebSockets (receiving on it from the check's loop failed with "Two event
loops are trying to receive() on one channel layer at once!" whenever a socket was
open), and the process's cache answers as a miss during an outage (engage.cache), which
is right for pages and wrong for a health check.
"""

import asyncio
import logging
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from asgiref.sync import async_to_sync
from channels import DEFAULT_CHANNEL_LAYER
from channels.layers import channel_layers
from django.conf import settings
from django.core.cache import caches
from django.db import connection, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger("engage.health")

DEFAULT_TIMEOUT = 3.0


def readyz_timeout():
    return float(getattr(settings, "ENGAGE_READYZ_TIMEOUT", DEFAULT_TIMEOUT))


def check_database(db=None):
    """SELECT 1 on the database (`db`: a connection wrapper, default the default one), on
    a connection of its own. With a connection pool (production), the
    check opens a short-lived connection beside the pool instead of waiting for a pooled
    one: a worker whose pool is busy serving requests is busy, not broken, and must not
    be taken out of rotation for it."""
    db = db or connection
    if db.vendor == "postgresql" and db.settings_dict["OPTIONS"].get("pool"):
        params = db.get_connection_params()
        with db.Database.connect(**params) as direct, direct.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return
    with db.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    """Store, read and delete a key through a client of our own (raising on errors)."""
    shared = caches["default"]
    cache = shared.strict() if hasattr(shared, "strict") else shared
    try:
        key = f"readyz-{uuid.uuid4().hex}"
        cache.set(key, "ok", 5)
        if cache.get(key) != "ok":
            raise RuntimeError("the cache did not return what was stored")
        cache.delete(key)
    finally:
        if cache is not shared:
            cache.close_pools()


def check_channel_layer():
    """Send a message to a new channel and receive it, on a layer instance of our own."""
    if DEFAULT_CHANNEL_LAYER not in channel_layers.configs:
        raise RuntimeError("no channel layer is configured")
    layer = channel_layers.make_backend(DEFAULT_CHANNEL_LAYER)

    async def round_trip():
        channel = await layer.new_channel()
        receiving = asyncio.ensure_future(layer.receive(channel))
        try:
            # Resend until it arrives: a pub/sub layer drops what is published before
            # its subscription is in place.
            while not receiving.done():
                await layer.send(channel, {"type": "readyz.ping"})
                await asyncio.wait({receiving}, timeout=0.2)
            message = receiving.result()
        finally:
            receiving.cancel()
        if message.get("type") != "readyz.ping":
            raise RuntimeError("the channel layer returned another message")

    async def bounded():
        try:
            await asyncio.wait_for(round_trip(), timeout=readyz_timeout())
        finally:
            if hasattr(layer, "close_pools"):
                await layer.close_pools()
            elif type(layer).__name__ == "RedisPubSubChannelLayer":
                await layer.flush()  # closes its connections; deletes nothing

    async_to_sync(bounded)()


def check_tasks():
    from django_tasks import task_backends

    backend = task_backends["default"]
    if backend.__class__.__name__ == "DatabaseBackend":
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.exists()


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "channel_layer": check_channel_layer,
    "tasks": check_tasks,
}


def run_check(check):
    """Run one check in a worker thread, closing the database connections it opened."""
    try:
        check()
    finally:
        connections.close_all()


def describe(error):
    if isinstance(error, asyncio.TimeoutError | FutureTimeout):
        return f"no answer within {readyz_timeout():g} seconds"
    return (str(error) or type(error).__name__)[:200]


def run_checks(checks=None):
    """{name: {"status": "ok"} or {"status": "down", "error": ...}} for every check."""
    checks = CHECKS if checks is None else checks
    deadline = time.monotonic() + readyz_timeout()
    results = {}
    executor = ThreadPoolExecutor(max_workers=len(checks), thread_name_prefix="readyz")
    try:
        futures = {name: executor.submit(run_check, check) for name, check in checks.items()}
        for name, future in futures.items():
            try:
                future.result(timeout=max(0.0, deadline - time.monotonic()))
            except Exception as error:  # noqa: BLE001 - report any failure as "down"
                logger.warning("readyz: %s is down: %s", name, describe(error))
                results[name] = {"status": "down", "error": describe(error)}
            else:
                results[name] = {"status": "ok"}
    finally:
        # Do not wait for a check that hangs; its client timeout ends the thread.
        executor.shutdown(wait=False, cancel_futures=True)
    return results


@never_cache
def healthz(request):
    """The process is up and serving requests."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Every dependency answers: 200, or 503 naming what is down."""
    results = run_checks()
    down = [name for name, result in results.items() if result["status"] != "ok"]
    return JsonResponse(
        {"status": "unavailable" if down else "ok", "down": down, "checks": results},
        status=503 if down else 200,
    )
