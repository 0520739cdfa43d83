"""The canonical JSON serialisation that signatures are made over: keys sorted, no
whitespace, UTF-8 (non-ASCII characters as themselves), no NaN or infinity. Two
cities that parse a package and serialise it again this way get the same bytes."""

import hashlib
import json


def canonical_bytes(value):
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def sha256_hex(data):
    if not isinstance(data, bytes | bytearray):
        data = canonical_bytes(data)
    return hashlib.sha256(data).hexdigest()
