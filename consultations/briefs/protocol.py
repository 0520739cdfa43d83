"""The brief's wire format beyond the Yjs protocol: our event messages, and presence
(awareness) updates rewritten so they always name the person really connected.

See docs/websockets.md for the messages; `rooms` and `consumers` use these.
"""

import json

from pycrdt import Decoder, Encoder

# A Yjs-protocol message type of our own (after sync 0, awareness 1, auth 2, query 3):
# a JSON event `{"event": ..., "data": ...}` as a length-prefixed UTF-8 string.
MESSAGE_EVENT = 100
AWARENESS_MAX_BYTES = 16 * 1024


def event_message(event, data):
    """A binary frame carrying a JSON event (see docs/websockets.md)."""
    encoder = Encoder()
    encoder.write_var_uint(MESSAGE_EVENT)
    encoder.write_var_string(json.dumps({"event": event, "data": data}))
    return encoder.to_bytes()


def sanitise_awareness(update, public_name):
    """Rewrite an awareness update so each state's `user.name` is the sender's public name.

    Returns (new update, client ids in it). Raises ValueError on a malformed update. The
    presence list and cursor labels then always name the person who is really connected.
    """
    decoder = Decoder(update)
    count = decoder.read_var_uint()
    if count > 64:
        raise ValueError("too many awareness entries")
    encoder = Encoder()
    encoder.write_var_uint(count)
    client_ids = []
    for _index in range(count):
        client_id = decoder.read_var_uint()
        clock = decoder.read_var_uint()
        raw = decoder.read_var_string()
        state = json.loads(raw) if raw else None
        if state is not None:
            if not isinstance(state, dict):
                raise ValueError("awareness state must be an object")
            user = state.get("user") if isinstance(state.get("user"), dict) else {}
            color = str(user.get("color") or "")[:16]
            state["user"] = {"name": public_name, "color": color}
        client_ids.append(client_id)
        encoder.write_var_uint(client_id)
        encoder.write_var_uint(clock)
        encoder.write_var_string(json.dumps(state, separators=(",", ":")))
    if decoder.length > 0:
        raise ValueError("trailing bytes")
    return encoder.to_bytes(), client_ids
