"""The live brief: /ws/codesign/briefs/<session id>/, speaking the Yjs sync protocol.

Binary frames only, as y-websocket's client sends them: sync (0), awareness (1),
query awareness (3), plus our own event messages (100, JSON). See docs/websockets.md.

- connect: the person in `scope["user"]` (session cookie) must pass `briefs.view`;
  otherwise the socket is accepted, told why (an `error` event) and closed with 4403
  (4404 when the session does not exist).
- every document update is checked against `briefs.edit` with the person and the
  brief reloaded from the database (`services.update_refusal`; a "yes" is reused until
  permissions may have changed, see `update_refusal` below), checked for size
  (`BRIEF_MAX_UPDATE_BYTES`) and well-formedness, applied to the room, logged with the
  characters it added and removed (the person's contribution) and relayed.

The consumer does not use the channel layer itself (`channel_layer_alias` names no
layer): the room (`rooms.Room`) does, so a layer outage never closes a connection.
"""

import json
import logging
import time

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from pycrdt import (
    YMessageType,
    YSyncMessageType,
    create_sync_message,
    create_update_message,
    read_message,
)
from pycrdt._sync import create_sync_step2_message

from engage.realtime.consumers import CLOSE_FORBIDDEN, CLOSE_NOT_FOUND, scope_language

from . import protocol, rooms, services, ydoc

logger = logging.getLogger("engage.briefs")

MESSAGE_QUERY_AWARENESS = 3
EMPTY_UPDATES = {b"", b"\x00\x00"}


def _open_brief(session_id, user):
    """(brief, may view, may edit, public name) or None when the session does not exist."""
    import rules

    from consultations.codesign.models import CoDesignSession

    session = CoDesignSession.objects.select_related("consultation").filter(pk=session_id).first()
    if session is None:
        return None
    brief = services.find_brief(session)
    may_view = rules.test_rule("briefs.view", user, brief)
    if may_view and brief.pk is None:  # only people who may open it create the row
        brief = services.brief_for_session(session)
    may_edit = may_view and rules.test_rule("briefs.edit", user, brief)
    name = str(user.public_name) if user.is_authenticated else ""
    return brief, may_view, may_edit, name


class BriefConsumer(AsyncWebsocketConsumer):
    """One editor's connection to a brief (see the module docstring)."""

    channel_layer_alias = "briefs-consumers-use-rooms"

    async def connect(self):
        self.user = self.scope.get("user") or AnonymousUser()
        self.language = scope_language(self.scope)
        self.room = None
        self.allowed_epoch = None
        self.allowed_until = 0.0
        session_id = self.scope["url_route"]["kwargs"]["session_id"]
        opened = await database_sync_to_async(_open_brief)(session_id, self.user)
        if opened is None:
            await self.refuse(CLOSE_NOT_FOUND, _("This co-design session does not exist."))
            return
        brief, may_view, may_edit, self.public_name = opened
        if not may_view:
            await self.refuse(
                CLOSE_FORBIDDEN,
                _("Only the session's co-authors and participants can open this brief."),
            )
            return
        self.brief_id = brief.pk
        self.may_edit = may_edit
        self.room = await rooms.join(brief.session_id, brief.pk, self)
        await self.accept()
        await self.send_event(
            "hello", {"status": brief.status, "can_edit": may_edit, "name": self.public_name}
        )
        await self.send(bytes_data=create_sync_message(self.room.doc))
        awareness = self.room.awareness_message()
        if awareness:
            await self.send(bytes_data=awareness)

    async def dispatch(self, message):
        """As Channels' dispatch, without closing old database connections per frame.

        Channels does that in its one database thread for every message; an editor sends
        a frame per keystroke, and every database call here goes through
        `database_sync_to_async`, which closes old connections itself.
        """
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def refuse(self, code, detail):
        """Accept, explain (an `error` event), close with `code` (browsers then see it)."""
        await self.accept()
        await self.send_error(str(code), detail)
        await self.close(code=code)

    async def disconnect(self, code):
        if self.room is not None:
            room, self.room = self.room, None
            await rooms.leave(room, self)

    # Server → client ------------------------------------------------------------------

    async def send_event(self, event, data):
        await self.send(bytes_data=protocol.event_message(event, data))

    async def send_error(self, code, lazy_detail):
        with translation.override(self.language):
            detail = str(lazy_detail)
        await self.send_event("error", {"code": code, "detail": detail})

    # Client → server ------------------------------------------------------------------

    async def receive(self, text_data=None, bytes_data=None):
        if self.room is None:
            return
        if bytes_data is None:
            if text_data and _is_ping(text_data):
                await self.send(text_data=json.dumps({"event": "pong", "data": {}}))
                return
            await self.send_error("bad_message", _("Send Yjs protocol messages as binary frames."))
            return
        if len(bytes_data) > settings.BRIEF_MAX_UPDATE_BYTES:
            await self.send_error(
                "too_large",
                _("That change is too large to save in one go. Paste long texts in smaller parts."),
            )
            return
        try:
            await self.dispatch_message(bytes_data)
        except (ValueError, IndexError, RuntimeError, AssertionError) as error:
            logger.info("Brief %s: malformed message: %s", self.brief_id, error)
            await self.send_error(
                "bad_message", _("That message could not be read; the brief was not changed.")
            )

    async def dispatch_message(self, data):
        kind = data[0]
        if kind == YMessageType.SYNC:
            step = data[1]
            payload = read_message(data[2:])
            if step == YSyncMessageType.SYNC_STEP1:
                reply = self.room.doc.get_update(payload)
                await self.send(bytes_data=create_sync_step2_message(reply))
            elif step in (YSyncMessageType.SYNC_STEP2, YSyncMessageType.SYNC_UPDATE):
                await self.handle_update(payload)
            else:
                raise ValueError("unknown sync step")
        elif kind == YMessageType.AWARENESS:
            update = read_message(data[1:])
            if len(update) > protocol.AWARENESS_MAX_BYTES:
                raise ValueError("awareness update too large")
            await self.room.on_awareness(self, update, self.public_name)
        elif kind == MESSAGE_QUERY_AWARENESS:
            awareness = self.room.awareness_message()
            if awareness:
                await self.send(bytes_data=awareness)
        else:
            raise ValueError("unknown message type")

    async def update_refusal(self):
        """Ask `rules` (through `services.update_refusal`) whether this update may go in.

        A "yes" is reused until the room hears that permissions may have changed (an
        invitation, RSVP, leadership, role or the brief's status changed: see signals.py)
        or BRIEF_PERMISSION_RECHECK_SECONDS pass, whichever comes first.
        """
        now = time.monotonic()
        epoch = self.room.permission_epoch
        if epoch == self.allowed_epoch and now < self.allowed_until:
            return None
        refusal = await database_sync_to_async(services.update_refusal)(self.user.pk, self.brief_id)
        if refusal is None:
            self.allowed_epoch = epoch
            self.allowed_until = now + settings.BRIEF_PERMISSION_RECHECK_SECONDS
        else:
            self.allowed_until = 0.0
        return refusal

    async def handle_update(self, update):
        if update in EMPTY_UPDATES:
            return
        refusal = await self.update_refusal()
        if refusal is not None:
            if _changes_nothing(self.room.doc, update):
                # A read-only client's sync reply repeats what the server has: not an edit.
                return
            code, detail = refusal
            await self.send_error(code, detail)
            if code in (str(CLOSE_FORBIDDEN), str(CLOSE_NOT_FOUND)):
                await self.close(code=int(code))
            return
        if not ydoc.is_valid_update(update):
            await self.send_error(
                "bad_update", _("That change could not be read; the brief was not changed.")
            )
            return
        added, removed = ydoc.apply_counting(self.room.doc, update)
        self.room.queue_persist(self.user, update, added, removed)
        message = create_update_message(update)
        await self.room.broadcast(message, exclude=self)
        await self.room.publish({"type": "brief.update", "update": update})
        await self.room.after_update()


def _changes_nothing(doc, update):
    """True when applying `update` would leave `doc`'s content as it is."""
    probe = ydoc.new_doc(doc.get_update())
    before = (probe.get_state(), str(ydoc.fragment(probe)))
    try:
        probe.apply_update(bytes(update))
    except Exception:  # noqa: BLE001 - a malformed update is refused anyway
        return False
    return (probe.get_state(), str(ydoc.fragment(probe))) == before


def _is_ping(text):
    try:
        message = json.loads(text)
    except ValueError:
        return False
    return isinstance(message, dict) and message.get("type") == "ping"
