"""Health checks for load balancers and orchestrators.

`/healthz` says the process is alive. `/readyz` checks each dependency (database, cache,
channel layer, task backend) and answers 503 when one is down, with JSON naming it.
"""

import asyncio
import logging
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger("engage.health")


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key = f"readyz-{uuid.uuid4().hex}"
    cache.set(key, "ok", 5)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)


def check_channel_layer():
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer is configured")

    async def round_trip():
        channel = await layer.new_channel()
        await layer.send(channel, {"type": "readyz.ping"})
        message = await layer.receive(channel)
        if message.get("type") != "readyz.ping":
            raise RuntimeError("the channel layer returned another message")

    async def bounded():
        await asyncio.wait_for(round_trip(), timeout=3)

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


@never_cache
def healthz(request):
    """The process is up and serving requests."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Every dependency answers: 200, or 503 naming what is down."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # noqa: BLE001 - report any failure as "down"
            logger.warning("readyz: %s is down: %s", name, error)
            results[name] = {"status": "down", "error": str(error)[:200]}
        else:
            results[name] = {"status": "ok"}
    ready = all(result["status"] == "ok" for result in results.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": results},
        status=200 if ready else 503,
    )
