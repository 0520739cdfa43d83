"""A Yjs client in Python speaking the y-websocket protocol, for tests and benchmarks.

It works over Channels' `WebsocketCommunicator` (the real ASGI stack, in process) or a
`websockets` connection, through a small transport with `send(bytes)` and
`receive(timeout) -> bytes | None`.
"""

import asyncio
import json

from pycrdt import (
    Decoder,
    YMessageType,
    YSyncMessageType,
    create_awareness_message,
    create_sync_message,
    create_update_message,
    read_message,
)
from pycrdt._sync import create_sync_step2_message

from consultations.briefs import ydoc
from consultations.briefs.protocol import MESSAGE_EVENT


class CommunicatorTransport:
    def __init__(self, communicator):
        self.communicator = communicator
        self.closed_with = None

    async def send(self, data):
        await self.communicator.send_to(bytes_data=data)

    async def receive(self, timeout):
        # Not receive_output(): on a timeout it cancels the application.
        if self.communicator.future.done() and self.communicator.output_queue.empty():
            self.closed_with = self.closed_with or 1006
            return None
        try:
            message = await asyncio.wait_for(self.communicator.output_queue.get(), timeout)
        except TimeoutError:
            return None
        if message["type"] == "websocket.close":
            self.closed_with = message.get("code")
            return None
        return message.get("bytes") or message.get("text", "").encode()


class YClient:
    """One editor: a pycrdt Doc kept in sync with the server."""

    def __init__(self, transport, name="client"):
        self.transport = transport
        self.name = name
        self.doc = ydoc.new_doc()
        self.events = []
        self.awareness = []
        self.sent_updates = []

    # Protocol -----------------------------------------------------------------------

    async def handshake(self, timeout=5):
        """Answer the server's sync step 1 and ask for its state; wait until synced."""
        await self.transport.send(create_sync_message(self.doc))
        return await self.pump(until=lambda: self.synced, timeout=timeout)

    synced = False

    async def handle(self, data):
        kind = data[0]
        if kind == YMessageType.SYNC:
            step = data[1]
            payload = read_message(data[2:])
            if step == YSyncMessageType.SYNC_STEP1:
                await self.transport.send(create_sync_step2_message(self.doc.get_update(payload)))
            else:
                self.doc.apply_update(payload)
                if step == YSyncMessageType.SYNC_STEP2:
                    self.synced = True
        elif kind == YMessageType.AWARENESS:
            self.awareness.append(read_message(data[1:]))
        elif kind == MESSAGE_EVENT:
            self.events.append(json.loads(Decoder(data[1:]).read_var_string()))

    async def pump(self, until=None, timeout=0.3, idle=None):
        """Handle incoming messages until `until()` holds (or, without it, until quiet)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if until is not None and until():
                return True
            remaining = deadline - loop.time()
            if remaining <= 0:
                return until is None
            data = await self.transport.receive(idle if until is None and idle else remaining)
            if data is None:
                if until is None:
                    return True
                if self.transport.closed_with is not None:
                    return False
                continue
            await self.handle(data)

    # Editing ------------------------------------------------------------------------

    async def edit(self, change):
        """Run `change(doc)` locally and send the resulting update."""
        before = self.doc.get_state()
        change(self.doc)
        update = self.doc.get_update(before)
        self.sent_updates.append(update)
        await self.transport.send(create_update_message(update))
        return update

    async def send_raw(self, data):
        await self.transport.send(data)

    async def set_presence(self, state):
        from pycrdt import Encoder

        encoder = Encoder()
        encoder.write_var_uint(1)
        encoder.write_var_uint(self.doc.client_id)
        encoder.write_var_uint(len(self.awareness) + 1)
        encoder.write_var_string(json.dumps(state))
        await self.transport.send(create_awareness_message(encoder.to_bytes()))

    def text(self):
        return ydoc.plain_text(self.doc)

    def html(self):
        return ydoc.render_html(self.doc)

    def errors(self):
        return [event["data"] for event in self.events if event["event"] == "error"]


def clocks(doc):
    """{client id: clock} from the document's state vector (its encoding's order varies)."""
    decoder = Decoder(doc.get_state())
    return {
        decoder.read_var_uint(): decoder.read_var_uint() for _ in range(decoder.read_var_uint())
    }


def paragraph_text(doc, index=0):
    """The XmlText of the `index`th paragraph (tests edit inside it)."""
    return ydoc.fragment(doc).children[index].children[0]
