"""`Room`: one brief open in this server process (the package docstring explains how
rooms, processes and the database work together)."""

import asyncio
import contextlib
import logging
import uuid

import rules
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.utils import timezone
from pycrdt import Awareness, create_awareness_message, create_update_message, merge_updates

from engage.realtime.consumers import CLOSE_FORBIDDEN
from engage.realtime.groups import session_document_group

from .. import document_store, revisions, ydoc
from ..models import Brief
from ..protocol import event_message, sanitise_awareness

logger = logging.getLogger("engage.briefs")

# This process's token on the messages it sends, so its rooms skip their own (renewed
# by `registry.forget_all_rooms`, as a restart would).
PROCESS = uuid.uuid4().hex
LAYER_TIMEOUT = 2.0
FLUSH_DELAY = 0.02
# Events after which every connection asks `rules` again before its next update.
PERMISSION_EVENTS = {"brief.status", "brief.permissions"}


def _may_view(user, brief_id):
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
        while self.pending:
            batch, self.pending = self.pending, []
            try:
                await database_sync_to_async(document_store.record_updates)(self.brief_id, batch)
            except Exception:
                logger.exception("Brief %s: could not log %s updates", self.brief_id, len(batch))
                self.pending = batch + self.pending
                if self.closed:
                    return
                await asyncio.sleep(1)

    async def after_update(self):
        """Compact the log now and then, and take an automatic revision when one is due."""
        self.updates_since_compaction += 1
        if self.updates_since_compaction >= settings.BRIEF_COMPACT_EVERY:
            self.updates_since_compaction = 0
            await database_sync_to_async(document_store.compact)(self.brief_id)
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
    return revisions.snapshot_if_due(brief_id, ydoc.new_doc(state))
