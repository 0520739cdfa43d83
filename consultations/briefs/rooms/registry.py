"""The rooms open in this process: joining (loading the brief the first time) and
leaving (the last one out saves and closes the room)."""

import asyncio
import logging
import uuid

from channels.db import database_sync_to_async

from .. import document_store, ydoc
from . import room as room_module
from .room import Room

logger = logging.getLogger("engage.briefs")

_rooms = {}
_locks = {}


def _persist_on_close(brief_id, state):
    document_store.save_missing_state(brief_id, ydoc.new_doc(state))
    document_store.compact(brief_id)


def _lock(session_id):
    lock = _locks.get(session_id)
    loop = asyncio.get_running_loop()
    if lock is None or getattr(lock, "_engage_loop", None) is not loop:
        lock = asyncio.Lock()
        lock._engage_loop = loop
        _locks[session_id] = lock
    return lock


async def join(session_id, brief_id, connection):
    """The process's room for the brief (loaded from the database if needed), joined."""
    async with _lock(session_id):
        room = _rooms.get(session_id)
        if room is None or room.closed or room.loop is not asyncio.get_running_loop():
            # Registered and subscribed first, loaded second: whatever changes after
            # this point reaches the room (held until the load is done).
            room = Room(session_id, brief_id, ydoc.new_doc())
            _rooms[session_id] = room
            try:
                await room.start()
                doc, _last = await database_sync_to_async(document_store.load_document)(brief_id)
            except BaseException:
                del _rooms[session_id]
                room.closed = True
                await room.stop()
                raise
            await room.load(doc)
        room.connections.add(connection)
        return room


async def leave(room, connection):
    """Leave the room; the last one out saves and closes it."""
    async with _lock(room.session_id):
        room.connections.discard(connection)
        await room.forget_connection(connection)
        if room.connections or room.closed:
            return
        await room.stop()
        if _rooms.get(room.session_id) is room:
            del _rooms[room.session_id]
        if room.flusher is not None and not room.flusher.done():
            room.flusher.cancel()
        await room.flush()
        try:
            await database_sync_to_async(_persist_on_close)(room.brief_id, room.doc.get_update())
        except Exception:
            logger.exception("Brief %s: could not save when the room closed", room.brief_id)


def room_for(session_id):
    """This process's open room for the session, or None."""
    return _rooms.get(session_id)


def open_rooms():
    """Every room open in this process."""
    return list(_rooms.values())


def forget_all_rooms():
    """Drop every room without saving, as a process restart would (tests)."""
    for room in list(_rooms.values()):
        room.closed = True
        for task in (room.listener, room.flusher, room.publisher):
            if task is not None and not room.loop.is_closed():
                room.loop.call_soon_threadsafe(task.cancel)
    _rooms.clear()
    _locks.clear()
    room_module.PROCESS = uuid.uuid4().hex
