"""Telling open editors about changes made outside a room (sync code, after commit):
server-made document updates, events around the document, changed permissions.

Each goes to this process's room directly and to the other processes' rooms through the
channel layer group `session-document-<session id>`.
"""

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from engage.realtime.groups import session_document_group

from . import room as room_module
from .registry import open_rooms, room_for

logger = logging.getLogger("engage.briefs")


def _send_to_group(session_id, message):
    layer = get_channel_layer()
    if layer is None:
        return False

    async def bounded():
        await asyncio.wait_for(
            layer.group_send(session_document_group(session_id), message),
            room_module.LAYER_TIMEOUT,
        )

    try:
        async_to_sync(bounded)()
    except Exception as error:  # noqa: BLE001 - open editors catch up when they reconnect
        logger.warning("Brief %s: live update not sent: %s", session_id, error)
        return False
    return True


def publish_update(session_id, update):
    """Push a server-made update to every open editor (sync code, after commit)."""
    room = room_for(session_id)
    if room is not None:
        room.apply_remote_soon(update)
    return _send_to_group(
        session_id,
        {"type": "brief.update", "update": bytes(update), "origin": room_module.PROCESS},
    )


def permissions_changed(session_id=None):
    """Someone's rights may have changed: connections ask `rules` again at their next update.

    For one session, every process hears it (through the group); without one (a role
    changed), this process's rooms do, and other processes re-check within
    BRIEF_PERMISSION_RECHECK_SECONDS anyway.
    """
    if session_id is not None:
        return publish_event(session_id, "brief.permissions", {})
    for room in open_rooms():
        room.send_event_soon("brief.permissions", {})
    return True


def publish_event(session_id, event, data):
    """Tell every open editor about a change around the document (comments, status...)."""
    room = room_for(session_id)
    if room is not None:
        room.send_event_soon(event, data)
    return _send_to_group(
        session_id,
        {"type": "brief.event", "event": event, "data": data, "origin": room_module.PROCESS},
    )
