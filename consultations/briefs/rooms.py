"""Live rooms: the in-memory copy of a brief that one server process edits.

Each process holds at most one `Room` per brief while someone has it open. The room
keeps the Yjs document (loaded from PostgreSQL by `services.load_document`), the
awareness states (who is here, their cursor) and the process's open connections.

- An update from a connection is checked, applied to the room's document, relayed to
  the room's other connections directly and to the rooms of other processes through the
  channel layer group `session-document-<session id>`, and logged in the database within
  FLUSH_DELAY, in batches (`services.record_updates`).
- Each room listens on its own channel in that group. Messages carry the sending
  process's `PROCESS` token, so a room never re-applies its own.
- PostgreSQL is the source of truth. A new room joins the group BEFORE it loads the
  document from the database (what arrives meanwhile waits until the load is done), then
  asks the other processes' rooms for what it still lacks (`brief.sync` with its state
  vector; each answers on the room's own channel with the missing update, and its
  editors' presence). So an update that another process applied but had not logged yet
  when this room loaded still arrives, and the same request after the channel layer
  comes back fills what was missed during the outage.
- If the channel layer is down, editors connected to the same process keep editing
  together; the room keeps retrying the layer and, once back, asks the others for what
  it missed (above). Every update is in the database either way.
- When the last connection leaves, the room logs anything the database lacks, folds the
  log into the stored state (`services.compact`) and is dropped.

Server-side changes (a restored revision, an accepted suggestion) reach rooms through
`publish_update`, called after commit.
"""

import asyncio
import contextlib
import logging
import uuid

from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from pycrdt import Awareness, create_awareness_message, create_update_message, merge_updates

from engage.realtime.groups import session_document_group

from .protocol import (  # noqa: F401 - part of this module's interface
    AWARENESS_MAX_BYTES,
    MESSAGE_EVENT,
    event_message,
    sanitise_awareness,
)

logger = logging.getLogger("engage.briefs")

PROCESS = uuid.uuid4().hex
LAYER_TIMEOUT = 2.0
FLUSH_DELAY = 0.02
# Events after which every connection asks `rules` again before its next update.
PERMISSION_EVENTS = {"brief.status", "brief.permissions"}

_rooms = {}
_locks = {}


def _may_view(user, brief_id):
    import rules

    from .models import Brief

    brief = Brief.objects.select_related("session__consultation").filter(pk=brief_id).first()
    return brief is not None and rules.test_rule("briefs.view", user, brief)


class Room:
    """One brief open in this process (see the module docstring)."""

    def __init__(self, session_id, brief_id, doc):
        self.session_id = session_id
        self.brief_id = brief_id
        self.doc = doc
        self.awareness = Awareness(doc)
        self.awareness.set_local_state(None)
        self.connections = set()
        self.client_ids = {}
        self.loop = asyncio.get_running_loop()
        self.group = session_document_group(session_id)
        self.layer = get_channel_layer()
        self.channel = None
        self.listener = None
        self.closed = False
        self.updates_since_compaction = 0
        self.snapshot_due = None
        # Bumped when permissions may have changed; connections re-check on a change.
        self.permission_epoch = 0
        # Applied updates waiting to be logged: (person, update, added, removed).
        self.pending = []
        self.flusher = None
        # Messages for the other processes, sent in order by the publisher task.
        self.outbox = []
        self.publisher = None
        # Set once the document is loaded from the database; messages from other
        # processes (and server-made updates) wait for it.
        self.loaded = asyncio.Event()

    # Channel layer --------------------------------------------------------------------

    async def start(self):
        """Join the group (before loading: see the module docstring) and listen."""
        if self.layer is None:
            return
        try:
            await self._subscribe()
        except Exception as error:  # noqa: BLE001 - listen() keeps retrying
            logger.warning("Brief room %s: channel layer unavailable: %s", self.group, error)
            self.channel = None
        self.listener = asyncio.ensure_future(self.listen())

    async def load(self, doc):
        """Take the document loaded from the database, then ask the others what it lacks."""
        self.doc.apply_update(doc.get_update())
        self.loaded.set()
        await self.request_sync()

    async def request_sync(self):
        """Ask the other processes' rooms for the updates (and presence) this one lacks."""
        if self.channel is None or not self.loaded.is_set():
            return
        await self.publish(
            {"type": "brief.sync", "state": self.doc.get_state(), "reply_to": self.channel}
        )

    async def answer_sync(self, message):
        """Send a room that asked (`brief.sync`) what it lacks, on its own channel."""
        update = self.doc.get_update(bytes(message["state"]))
        replies = []
        if update not in (b"", b"\x00\x00"):
            replies.append({"type": "brief.update", "update": update, "origin": PROCESS})
        local = [cid for ids in self.client_ids.values() for cid in ids]
        local = [cid for cid in local if cid in self.awareness.states]
        if local:
            presence = self.awareness.encode_awareness_update(local)
            replies.append({"type": "brief.awareness", "update": presence, "origin": PROCESS})
        for reply in replies:
            try:
                await asyncio.wait_for(self.layer.send(message["reply_to"], reply), LAYER_TIMEOUT)
            except Exception as error:  # noqa: BLE001 - the asker still has the database
                logger.warning("Brief room %s: could not answer a sync: %s", self.group, error)

    async def _subscribe(self):
        self.channel = await asyncio.wait_for(self.layer.new_channel(), LAYER_TIMEOUT)
        await asyncio.wait_for(self.layer.group_add(self.group, self.channel), LAYER_TIMEOUT)

    async def listen(self):
        """Receive other processes' messages; on a layer failure, retry with back-off."""
        delay = 0.5
        while not self.closed:
            try:
                if self.channel is None:
                    await self._subscribe()
                    # Back after an outage: fetch what the others did meanwhile.
                    await self.request_sync()
                message = await self.layer.receive(self.channel)
                delay = 0.5
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001 - the room works locally meanwhile
                logger.warning("Brief room %s: channel layer unavailable: %s", self.group, error)
                self.channel = None
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10)
                continue
            try:
                await self.on_layer_message(message)
            except Exception:
                logger.exception("Brief room %s: bad message from the channel layer", self.group)

    async def on_layer_message(self, message):
        if message.get("origin") == PROCESS:
            return
        await self.loaded.wait()
        kind = message.get("type")
        if kind == "brief.sync":
            await self.answer_sync(message)
        elif kind == "brief.update":
            await self.apply_remote(message["update"])
        elif kind == "brief.awareness":
            self.awareness.apply_awareness_update(message["update"], "remote")
            await self.broadcast(create_awareness_message(message["update"]))
        elif kind == "brief.event":
            await self.on_event(message["event"], message.get("data", {}))

    async def on_event(self, event, data):
        if event in PERMISSION_EVENTS:
            self.permission_epoch += 1
        await self.broadcast(event_message(event, data))
        if event in PERMISSION_EVENTS:
            await self.close_unauthorised()

    async def close_unauthorised(self):
        """Close (4403) the connections of people who may no longer read the brief, so
        they stop receiving its updates."""
        from engage.realtime.consumers import CLOSE_FORBIDDEN

        for connection in list(self.connections):
            user = getattr(connection, "user", None)
            if user is None:
                continue
            try:
                # Not thread-sensitive: this may run in a task scheduled from a sync
                # thread (send_event_soon), whose context forbids the shared executor.
                allowed = await database_sync_to_async(_may_view, thread_sensitive=False)(
                    user, self.brief_id
                )
            except Exception:
                logger.exception("Brief room %s: permission re-check failed", self.group)
                continue
            if not allowed:
                self.connections.discard(connection)
                with contextlib.suppress(Exception):
                    await connection.close(code=CLOSE_FORBIDDEN)

    async def publish(self, message):
        """Queue a message for the other processes' rooms; it never delays this one.

        A publisher task sends the queue in order; consecutive document updates go as one
        merged update. A layer failure is logged and the messages dropped: the other
        processes' editors catch up from the database when they reconnect.
        """
        if self.layer is None or self.closed:
            return
        self.outbox.append(message)
        if self.publisher is None or self.publisher.done():
            self.publisher = asyncio.ensure_future(self._publish_outbox())

    async def _publish_outbox(self):
        while self.outbox:
            batch, self.outbox = self.outbox, []
            for message in _coalesce(batch):
                message = {**message, "origin": PROCESS}
                try:
                    await asyncio.wait_for(
                        self.layer.group_send(self.group, message), LAYER_TIMEOUT
                    )
                except Exception as error:  # noqa: BLE001 - local editing continues
                    logger.warning(
                        "Brief room %s: could not reach other processes: %s", self.group, error
                    )

    async def stop(self):
        self.closed = True
        if self.listener is not None:
            self.listener.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.listener
        if self.layer is not None and self.channel is not None:
            try:
                await asyncio.wait_for(
                    self.layer.group_discard(self.group, self.channel), LAYER_TIMEOUT
                )
            except Exception as error:  # noqa: BLE001 - the group entry expires on its own
                logger.warning("Brief room %s: could not leave the group: %s", self.group, error)

    # Local fan-out --------------------------------------------------------------------

    async def broadcast(self, message, exclude=None):
        for connection in list(self.connections):
            if connection is exclude:
                continue
            try:
                await connection.send(bytes_data=message)
            except Exception as error:  # noqa: BLE001 - one dead socket must not stop the rest
                logger.info("Brief room %s: could not send to a client: %s", self.group, error)

    async def apply_remote(self, update):
        """Apply an update made elsewhere (another process, or the server) and relay it."""
        await self.loaded.wait()
        before = self.doc.get_state()
        self.doc.apply_update(bytes(update))
        if self.doc.get_state() != before:
            await self.broadcast(create_update_message(bytes(update)))

    def apply_remote_soon(self, update):
        """Thread-safe: schedule `apply_remote` on the room's event loop."""
        if self.closed or self.loop.is_closed():
            return
        asyncio.run_coroutine_threadsafe(self.apply_remote(update), self.loop)

    def send_event_soon(self, event, data):
        if self.closed or self.loop.is_closed():
            return
        asyncio.run_coroutine_threadsafe(self.on_event(event, data), self.loop)

    # Awareness ------------------------------------------------------------------------

    def awareness_message(self):
        """All current awareness states (for someone who just connected), or None."""
        client_ids = [cid for cid in self.awareness.states if cid != self.awareness.client_id]
        if not client_ids:
            return None
        return create_awareness_message(self.awareness.encode_awareness_update(client_ids))

    async def on_awareness(self, connection, update, public_name):
        update, client_ids = sanitise_awareness(update, public_name)
        self.client_ids.setdefault(connection, set()).update(client_ids)
        self.awareness.apply_awareness_update(update, connection)
        # To everyone, the sender too: y-websocket counts it as a sign of life.
        await self.broadcast(create_awareness_message(update))
        await self.publish({"type": "brief.awareness", "update": update})

    async def forget_connection(self, connection):
        client_ids = [
            cid for cid in self.client_ids.pop(connection, set()) if cid in self.awareness.states
        ]
        if client_ids:
            self.awareness.remove_awareness_states(client_ids, "left")
            update = self.awareness.encode_awareness_update(client_ids)
            await self.broadcast(create_awareness_message(update))
            await self.publish({"type": "brief.awareness", "update": update})

    # Persistence ----------------------------------------------------------------------

    def queue_persist(self, user, update, added, removed):
        """Log an applied update within FLUSH_DELAY, batched with the others in the room.

        Editors' clients keep every update until the server has it, and resend what it
        lacks when they reconnect, so the short window before the write loses nothing
        even if the process dies in it.
        """
        self.pending.append((user, bytes(update), added, removed))
        if self.flusher is None or self.flusher.done():
            self.flusher = asyncio.ensure_future(self._flush_soon())

    async def _flush_soon(self):
        await asyncio.sleep(FLUSH_DELAY)
        await self.flush()

    async def flush(self):
        """Write every pending update to the log, in order (retrying while the room lives)."""
        from . import services

        while self.pending:
            batch, self.pending = self.pending, []
            try:
                await database_sync_to_async(services.record_updates)(self.brief_id, batch)
            except Exception:
                logger.exception("Brief %s: could not log %s updates", self.brief_id, len(batch))
                self.pending = batch + self.pending
                if self.closed:
                    return
                await asyncio.sleep(1)

    async def after_update(self):
        """Compact the log now and then, and take an automatic revision when one is due."""
        from django.utils import timezone

        from . import services

        self.updates_since_compaction += 1
        if self.updates_since_compaction >= settings.BRIEF_COMPACT_EVERY:
            self.updates_since_compaction = 0
            await database_sync_to_async(services.compact)(self.brief_id)
        now = timezone.now()
        if self.snapshot_due is None or now >= self.snapshot_due:
            state = self.doc.get_update()
            self.snapshot_due = await database_sync_to_async(_snapshot_if_due)(self.brief_id, state)


def _coalesce(batch):
    """Merge runs of consecutive `brief.update` messages into one update each."""
    out = []
    for message in batch:
        if message.get("type") == "brief.update" and out and out[-1].get("type") == "brief.update":
            out[-1] = {**out[-1], "update": merge_updates(out[-1]["update"], message["update"])}
        else:
            out.append(message)
    return out


def _snapshot_if_due(brief_id, state):
    from . import services, ydoc

    return services.snapshot_if_due(brief_id, ydoc.new_doc(state))


def _persist_on_close(brief_id, state):
    from . import services, ydoc

    services.save_missing_state(brief_id, ydoc.new_doc(state))
    services.compact(brief_id)


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
    from . import services, ydoc

    async with _lock(session_id):
        room = _rooms.get(session_id)
        if room is None or room.closed or room.loop is not asyncio.get_running_loop():
            # Registered and subscribed first, loaded second: whatever changes after
            # this point reaches the room (held until the load is done).
            room = Room(session_id, brief_id, ydoc.new_doc())
            _rooms[session_id] = room
            try:
                await room.start()
                doc, _last = await database_sync_to_async(services.load_document)(brief_id)
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


def forget_all_rooms():
    """Drop every room without saving, as a process restart would (tests)."""
    global PROCESS
    for room in list(_rooms.values()):
        room.closed = True
        for task in (room.listener, room.flusher, room.publisher):
            if task is not None and not room.loop.is_closed():
                room.loop.call_soon_threadsafe(task.cancel)
    _rooms.clear()
    _locks.clear()
    PROCESS = uuid.uuid4().hex


def _send_to_group(session_id, message):
    layer = get_channel_layer()
    if layer is None:
        return False

    async def bounded():
        await asyncio.wait_for(
            layer.group_send(session_document_group(session_id), message), LAYER_TIMEOUT
        )

    try:
        async_to_sync(bounded)()
    except Exception as error:  # noqa: BLE001 - open editors catch up when they reconnect
        logger.warning("Brief %s: live update not sent: %s", session_id, error)
        return False
    return True


def publish_update(session_id, update):
    """Push a server-made update to every open editor (sync code, after commit)."""
    room = _rooms.get(session_id)
    if room is not None:
        room.apply_remote_soon(update)
    return _send_to_group(
        session_id, {"type": "brief.update", "update": bytes(update), "origin": PROCESS}
    )


def permissions_changed(session_id=None):
    """Someone's rights may have changed: connections ask `rules` again at their next update.

    For one session, every process hears it (through the group); without one (a role
    changed), this process's rooms do, and other processes re-check within
    BRIEF_PERMISSION_RECHECK_SECONDS anyway.
    """
    if session_id is not None:
        return publish_event(session_id, "brief.permissions", {})
    for room in list(_rooms.values()):
        room.send_event_soon("brief.permissions", {})
    return True


def publish_event(session_id, event, data):
    """Tell every open editor about a change around the document (comments, status...)."""
    room = _rooms.get(session_id)
    if room is not None:
        room.send_event_soon(event, data)
    return _send_to_group(
        session_id, {"type": "brief.event", "event": event, "data": data, "origin": PROCESS}
    )
