"""WebSocket consumers: the Channels edge of the platform, kept thin.

`LiveConsumer` is the base every live page uses. On connect it

1. takes the person from `scope["user"]` (set by `AuthMiddlewareStack` from the Django
   session cookie; anonymous visitors are allowed where the rule allows them),
2. loads the object named in the URL and asks `rules` whether that person may see it,
3. joins the object's namespaced group (`engage.realtime.groups`) and accepts.

A socket has no channel of its own: its process joins each group once and writes each
group message to all of its sockets (`engage.realtime.relay`). Group messages
`{"type": "broadcast", "event": ..., "payload": ...}` (sent by
`engage.realtime.broadcast`) reach the client as `{"event": ..., "data": ...}`. Messages
from the client are JSON objects with a `type` key; each type is handled by a method named
in `handlers`. Unknown types and malformed messages get an `error` event and the
connection stays open. The protocol is documented in docs/websockets.md.
"""

import json
import logging

import rules
from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .relay import feed_for, forget_feed

logger = logging.getLogger("engage.realtime")

# Close codes (4000–4999 are for applications); see docs/websockets.md.
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404
# Not 1011: that code is reserved for the server itself, and daphne refuses to send it.
CLOSE_UNAVAILABLE = 4503

# An alias that names no channel layer: Channels then gives the consumer no channel of
# its own (the process's GroupFeed receives for all of its sockets).
NO_OWN_CHANNEL = "engage-no-own-channel"


def supported_language(code):
    """`code` if it is one of settings.LANGUAGES (or a variant of one), else None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def query_flag(scope, name):
    """True when the WebSocket URL has `?<name>=1`."""
    from urllib.parse import parse_qs

    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return (query.get(name) or [""])[0] in {"1", "true", "yes"}


def scope_language(scope):
    """The language for messages to this client.

    `?lang=` on the WebSocket URL (pages pass their own language), then the person's
    preferred language, then the browser's Accept-Language, then the site default.
    """
    from urllib.parse import parse_qs

    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    language = supported_language((query.get("lang") or [""])[0])
    if language:
        return language
    user = scope.get("user")
    language = supported_language(getattr(user, "preferred_language", ""))
    if language:
        return language
    headers = dict(scope.get("headers") or [])
    accept = headers.get(b"accept-language", b"").decode("latin-1")
    for code, _quality in translation.trans_real.parse_accept_lang_header(accept):
        language = supported_language(code)
        if language:
            return language
    return settings.LANGUAGE_CODE


class LiveConsumer(AsyncJsonWebsocketConsumer):
    """Base for live pages: authenticate, authorise through rules, join a group, relay.

    Subclasses set `permission` (a rule name) and implement `get_object()` (return the
    object or None) and `group_name_for(obj)`. Client message types are mapped to
    method names in `handlers`; a handler receives the decoded message.
    """

    permission: str = ""
    wants_sequence = False
    handlers = {"ping": "handle_ping"}
    channel_layer_alias = NO_OWN_CHANNEL

    async def dispatch(self, message):
        """Channels' dispatch without its `aclose_old_connections()` before every message.

        That call is a hop into the single thread Django's synchronous code runs in, for
        every ping and every group message on every socket. The handlers here reach the
        database only through `database_sync_to_async`, which closes stale connections
        itself.
        """
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def websocket_connect(self, message):
        self.feed = None
        self.accepted = False
        self.held_frames = []
        try:
            await super().websocket_connect(message)
        except Exception:
            await self.leave_feed()
            raise

    async def websocket_disconnect(self, message):
        await self.leave_feed()
        await super().websocket_disconnect(message)

    async def connect(self):
        self.user = self.scope.get("user") or AnonymousUser()
        self.language = scope_language(self.scope)
        self.wants_sequence = query_flag(self.scope, "seq")
        self.group_name = None
        self.object = await database_sync_to_async(self.get_object)()
        if self.object is None:
            await self.refuse(CLOSE_NOT_FOUND, _("This page does not exist or is not published."))
            return
        allowed = await database_sync_to_async(self.has_permission)(self.object)
        if not allowed:
            if not getattr(self.object, "live", True):
                # Drafts stay invisible: the same answer as for a page that does not exist.
                await self.refuse(
                    CLOSE_NOT_FOUND, _("This page does not exist or is not published.")
                )
            else:
                await self.refuse(
                    CLOSE_FORBIDDEN, _("You do not have permission to follow this page.")
                )
            return
        group_name = self.group_name_for(self.object)
        try:
            layer = get_channel_layer()
            if layer is None:
                raise RuntimeError("no channel layer is configured")
            feed = feed_for(layer, group_name)
            self.feed = feed
            await feed.join(self)
        except Exception as error:  # noqa: BLE001 - a layer outage must not crash the worker
            await self.leave_feed()
            logger.warning("Live updates unavailable for %s: %s", group_name, error)
            await self.refuse(
                CLOSE_UNAVAILABLE,
                _("Live updates are unavailable at the moment. Reload the page to see changes."),
            )
            return
        self.group_name = group_name
        await self.accept()

    async def accept(self, subprotocol=None, headers=None):
        await super().accept(subprotocol, headers)
        self.accepted = True
        # Group messages that arrived between joining and accepting, in order.
        held, self.held_frames = self.held_frames, []
        for frame in held:
            await self.send(text_data=frame)

    async def leave_feed(self):
        feed, self.feed = getattr(self, "feed", None), None
        if feed is None:
            return
        try:
            await feed.leave(self)
        finally:
            forget_feed(feed)

    async def refuse(self, code, detail):
        """Accept, explain (an `error` event), then close with `code`.

        Accepting first lets browsers see the close code; a WebSocket refused during the
        handshake only reports 1006.
        """
        await self.accept()
        await self.translated_error(str(code), detail)
        await self.close(code=code)

    async def disconnect(self, code):
        """Leaving the group is `leave_feed`'s (the last socket of the process leaves)."""

    # Subclass hooks

    def get_object(self):
        """The object this connection follows, or None (runs in a worker thread)."""
        raise NotImplementedError

    def group_name_for(self, obj):
        raise NotImplementedError

    def has_permission(self, obj):
        """Ask `rules` (runs in a worker thread, predicates may query the database)."""
        return rules.test_rule(self.permission, self.user, obj)

    # Server → client

    async def relay_frame(self, plain, numbered):
        """Write a group message rendered once by the process's GroupFeed: `numbered`
        (with its sequence number) when the client asked for them with `?seq=1`."""
        frame = numbered if self.wants_sequence else plain
        if not self.accepted:
            self.held_frames.append(frame)
            return
        try:
            await self.send(text_data=frame)
        except Exception as error:  # noqa: BLE001 - a socket that went away meanwhile
            logger.debug("Live update to a closed socket dropped: %s", error)

    async def broadcast(self, message):
        """Relay a group message from `engage.realtime.broadcast` to the client (with
        its sequence number `seq` when the client asked for them with `?seq=1`)."""
        content = {"event": message["event"], "data": message.get("payload", {})}
        if self.wants_sequence and "seq" in message:
            content["seq"] = message["seq"]
        await self.send_json(content)

    async def send_error(self, code, detail):
        await self.send_json({"event": "error", "data": {"code": code, "detail": str(detail)}})

    # Client → server

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if text_data is None:
            await self.translated_error("bad_message", _("Send messages as JSON text."))
            return
        try:
            content = json.loads(text_data)
        except ValueError:
            await self.translated_error("bad_message", _("That message is not valid JSON."))
            return
        await self.receive_json(content, **kwargs)

    async def receive_json(self, content, **kwargs):
        message_type = content.get("type") if isinstance(content, dict) else None
        if not isinstance(message_type, str) or not message_type:
            await self.translated_error(
                "bad_message", _("Every message needs a “type”, such as “ping”.")
            )
            return
        handler_name = self.handlers.get(message_type)
        if handler_name is None:
            with translation.override(self.language):
                detail = _("“%(type)s” is not a message type this page understands.") % {
                    "type": message_type[:64]
                }
            await self.send_error("unknown_type", detail)
            return
        await getattr(self, handler_name)(content)

    async def translated_error(self, code, lazy_detail):
        with translation.override(self.language):
            detail = str(lazy_detail)
        await self.send_error(code, detail)

    async def handle_ping(self, content):
        """Keep-alive and round-trip check: answers `pong`, echoing an optional `id`."""
        data = {"id": content["id"]} if "id" in content else {}
        await self.send_json({"event": "pong", "data": data})


class NotFoundConsumer(LiveConsumer):
    """Any WebSocket path that no route matches (the last route in `routing.py`).

    Channels' URLRouter raises for an unknown path, which the server answers with a
    500. This accepts, sends the `error` event and closes with 4404 like a page that
    does not exist, so clients stop reconnecting.
    """

    def get_object(self):
        return None
