"""Broadcasting to WebSocket groups, after the database transaction commits.

Services call `broadcast_after_commit(group, event, payload)`. The message is sent only
once the surrounding transaction has committed, so no client ever hears of a row that
was rolled back. If the channel layer is unreachable, or does not answer within
`ENGAGE_BROADCAST_TIMEOUT` seconds, the failure is logged as a warning and swallowed:
live updates are an enhancement, and a comment that was saved stays saved and appears on
reload.

Each server process receives a group message once and writes it to every socket it
holds in the group as `{"event": event, "data": payload}` (`engage.realtime.relay`,
`engage.realtime.consumers.LiveConsumer`); the events are listed in docs/websockets.md.

Every message to a group carries the group's next sequence number (`seq`: 1, 2, 3…,
one counter per group in the cache, shared by every process). Clients that ask for it
(`?seq=1`) get it and resync when a number is missing: the channel layer drops messages
for a client that does not keep up (docs/websockets.md, "Missed messages").
"""

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache

from engage.after_commit import on_commit_safely

logger = logging.getLogger("engage.realtime")

DEFAULT_TIMEOUT = 2.0


def next_sequence(group):
    """The next sequence number of `group`'s messages, or None if the cache is away."""
    key = f"realtime:seq:{group}"
    try:
        counter = getattr(cache, "incr_counter", None)
        if counter is not None:
            return counter(key)
        try:
            return cache.incr(key)
        except ValueError:
            cache.add(key, 0, timeout=None)
            return cache.incr(key)
    except Exception as error:  # noqa: BLE001 - a missing number only disables gap detection
        logger.warning("No sequence number for %s: %s", group, error)
        return None


def send_now(group, event, payload):
    """Send `{"type": "broadcast", "event": event, "payload": payload, "seq": n}` to `group`.

    Returns True when the channel layer accepted it, False (with a logged warning) when
    it did not. Never raises and never blocks longer than `ENGAGE_BROADCAST_TIMEOUT`.
    """
    try:
        layer = get_channel_layer()
    except Exception as error:  # noqa: BLE001 - a misconfigured layer must not reach the user
        logger.warning("Live update %s to %s not sent: %s", event, group, error)
        return False
    if layer is None:
        return False
    message = {"type": "broadcast", "event": event, "payload": payload}
    sequence = next_sequence(group)
    if sequence is not None:
        message["seq"] = sequence
    timeout = getattr(settings, "ENGAGE_BROADCAST_TIMEOUT", DEFAULT_TIMEOUT)

    async def bounded_send():
        await asyncio.wait_for(layer.group_send(group, message), timeout=timeout)

    try:
        async_to_sync(bounded_send)()
    except Exception as error:  # noqa: BLE001 - any failure of the layer must not reach the user
        logger.warning(
            "Live update %s to %s not sent: %s", event, group, error or type(error).__name__
        )
        return False
    return True


def broadcast_after_commit(group, event, payload, using=None):
    """Send a live update to `group` once the current transaction commits.

    Outside a transaction (autocommit) it is sent at once. `payload` must be JSON
    serialisable.
    """
    on_commit_safely(
        lambda: send_now(group, event, payload), f"live update {event} to {group}", using=using
    )
