"""Broadcasting to WebSocket groups, after the database transaction commits.

Services call `broadcast_after_commit(group, event, payload)`. The message is sent only
once the surrounding transaction has committed, so no client ever hears of a row that
was rolled back. If the channel layer is unreachable the failure is logged as a warning
and swallowed: live updates are an enhancement, and a comment that was saved stays
saved and appears on reload.
"""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger("engage.realtime")


def send_now(group, event, payload):
    """Send `{"type": "broadcast", "event": event, "payload": payload}` to `group`.

    Returns True when the channel layer accepted it, False (with a logged warning) when
    it did not.
    """
    layer = get_channel_layer()
    if layer is None:
        return False
    message = {"type": "broadcast", "event": event, "payload": payload}
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception as error:  # noqa: BLE001 - any failure of the layer must not reach the user
        logger.warning("Live update %s to %s not sent: %s", event, group, error)
        return False
    return True


def broadcast_after_commit(group, event, payload, using=None):
    """Send a live update to `group` once the current transaction commits."""
    transaction.on_commit(lambda: send_now(group, event, payload), using=using)
