"""One channel-layer subscription per group and process, fanned out to its sockets.

Channels' usual pattern gives every socket its own channel and group entry. A group
message then costs, for every socket: a wake-up of its consumer (with the Redis layer,
a turn at the process's shared receive lock), a decode, a `dispatch` that first hops
into the one thread Django's synchronous code runs in (`aclose_old_connections`, where
the views of the same process queue too), a `json.dumps` and the send. At 200 sockets
and 10 comments a second that is 2,000 thread hops a second competing with the POSTs:
the server fell behind by minutes and the Redis layer dropped the oldest messages.

Here a process joins each group once, with one channel of its own (`GroupFeed`), for
as long as at least one of its sockets follows the group. Each group message is
received once, rendered to its client frame once (with and without the sequence
number), and written to every local socket (`LiveConsumer.relay_frame`). The feed is
per event loop and channel layer (`feed_for`), so tests that run each case in a new
loop, and settings overrides that swap the layer, get their own.

Messages to the group other than broadcasts are handed to each socket's consumer as
Channels would (`dispatch`), so handlers keep working.

Every `GROUP_REFRESH` seconds, and after the layer failed and recovered, the feed adds
itself to the group again: channels-redis forgets group members after a day
(`group_expiry`), and a restarted Redis forgets all of them.
"""

import asyncio
import json
import logging
import weakref

logger = logging.getLogger("engage.realtime")

GROUP_REFRESH = 600
RETRY_AFTER = 1.0

# event loop -> {(id(layer), group): GroupFeed}
_feeds = weakref.WeakKeyDictionary()


def render_frames(message):
    """The client frame of a broadcast, without and with its sequence number."""
    content = {"event": message["event"], "data": message.get("payload", {})}
    plain = json.dumps(content)
    if "seq" not in message:
        return plain, plain
    content["seq"] = message["seq"]
    return plain, json.dumps(content)


class GroupFeed:
    """This process's membership of one group, shared by its sockets that follow it."""

    def __init__(self, layer, group):
        self.layer = layer
        self.group = group
        self.members = {}  # consumer -> None, in joining order
        self.channel = None
        self.listener = None
        self.lock = asyncio.Lock()

    async def join(self, consumer):
        """Add `consumer`; the first one joins the group on the layer (may raise)."""
        async with self.lock:
            if self.channel is None:
                channel = await self.layer.new_channel(prefix="engage-feed.")
                try:
                    await self.layer.group_add(self.group, channel)
                except BaseException:
                    await self._forget_channel(channel)
                    raise
                self.channel = channel
                self.listener = asyncio.ensure_future(self._listen(channel))
            self.members[consumer] = None

    async def leave(self, consumer):
        """Remove `consumer`; the last one leaves the group on the layer."""
        self.members.pop(consumer, None)
        if self.members:
            return
        async with self.lock:
            if self.members or self.channel is None:
                return
            channel, listener = self.channel, self.listener
            self.channel = self.listener = None
            listener.cancel()
            await asyncio.gather(listener, return_exceptions=True)
            try:
                await self.layer.group_discard(self.group, channel)
            except Exception as error:  # noqa: BLE001 - the entry expires on its own
                logger.warning("Could not leave %s: %s", self.group, error)

    async def _forget_channel(self, channel):
        # The pub/sub layer subscribed the new channel; a cancelled receive unsubscribes.
        receiving = asyncio.ensure_future(self.layer.receive(channel))
        await asyncio.sleep(0)
        receiving.cancel()
        await asyncio.gather(receiving, return_exceptions=True)

    async def _listen(self, channel):
        refresher = asyncio.ensure_future(self._refresh(channel))
        try:
            while True:
                try:
                    message = await self.layer.receive(channel)
                except asyncio.CancelledError:
                    raise
                except Exception as error:  # noqa: BLE001 - keep listening once the layer is back
                    logger.warning("Live updates for %s interrupted: %s", self.group, error)
                    await asyncio.sleep(RETRY_AFTER)
                    await self._rejoin(channel)
                    continue
                await self.deliver(message)
        finally:
            refresher.cancel()

    async def _refresh(self, channel):
        while True:
            await asyncio.sleep(GROUP_REFRESH)
            await self._rejoin(channel)

    async def _rejoin(self, channel):
        try:
            await self.layer.group_add(self.group, channel)
        except Exception as error:  # noqa: BLE001 - tried again on the next refresh or error
            logger.warning("Could not rejoin %s: %s", self.group, error)

    async def deliver(self, message):
        """Write one group message to every socket of this process that follows it."""
        members = list(self.members)
        if message.get("type") == "broadcast":
            plain, numbered = render_frames(message)
            for consumer in members:
                await consumer.relay_frame(plain, numbered)
            return
        for consumer in members:
            try:
                await consumer.dispatch(message)
            except Exception:  # one socket's handler must not stop the others
                logger.exception("Group message %s to a socket failed", message.get("type"))


def feed_for(layer, group):
    """The GroupFeed of `group` on `layer` in the running event loop."""
    loop = asyncio.get_running_loop()
    feeds = _feeds.setdefault(loop, {})
    key = (id(layer), group)
    feed = feeds.get(key)
    if feed is None or feed.layer is not layer:
        feed = feeds[key] = GroupFeed(layer, group)
    return feed


def forget_feed(feed):
    """Drop `feed` from the registry once it has no members (called after `leave`)."""
    if feed.members or feed.channel is not None:
        return
    feeds = _feeds.get(asyncio.get_running_loop(), {})
    key = (id(feed.layer), feed.group)
    if feeds.get(key) is feed:
        del feeds[key]
