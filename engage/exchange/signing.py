"""Ed25519 keys and signatures of exchange packages.

The city's private key comes from EXCHANGE_SIGNING_KEY (base64 of the 32 raw bytes, or
a PEM block); without one, development and tests derive a stable key from SECRET_KEY
(`EXCHANGE_KEY_FROM_SECRET`, off in production). Public keys travel as the base64 of
their 32 raw bytes; a key's fingerprint is "sha256:" and the hex SHA-256 of those bytes,
short enough to read out over the telephone to the other city's staff.
"""

import base64
import binascii
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .canonical import canonical_bytes
from .conf import setting

ALGORITHM = "Ed25519"
RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


def _b64decode(text):
    text = "".join(str(text).split())
    return base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=False)


def load_private_key(text):
    """An Ed25519PrivateKey from base64 (32 raw bytes) or PEM text; ValueError if not."""
    text = (text or "").strip()
    try:
        if text.startswith("-----BEGIN"):
            key = serialization.load_pem_private_key(text.encode(), password=None)
            if not isinstance(key, Ed25519PrivateKey):
                raise ValueError("not an Ed25519 key")
            return key
        raw = _b64decode(text)
        return Ed25519PrivateKey.from_private_bytes(raw)
    except (ValueError, TypeError, binascii.Error) as error:
        raise ValueError(str(error)) from None


def city_private_key():
    """This city's signing key; ImproperlyConfigured when none can be had."""
    text = setting("EXCHANGE_SIGNING_KEY")
    if text:
        try:
            return load_private_key(text)
        except ValueError:
            raise ImproperlyConfigured(
                "EXCHANGE_SIGNING_KEY is not a valid Ed25519 private key: give the base64 "
                "of its 32 raw bytes or a PEM block. See docs/exchange.md."
            ) from None
    if setting("EXCHANGE_KEY_FROM_SECRET"):
        seed = hashlib.sha256(b"engage-exchange-signing-key:" + settings.SECRET_KEY.encode())
        return Ed25519PrivateKey.from_private_bytes(seed.digest())
    raise ImproperlyConfigured(
        "Exporting exchange packages needs EXCHANGE_SIGNING_KEY. See docs/exchange.md."
    )


def new_private_key_text():
    """A fresh private key as base64 text (for EXCHANGE_SIGNING_KEY)."""
    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return base64.b64encode(raw).decode()


def public_key_text(public_key):
    return base64.b64encode(public_key.public_bytes(*RAW)).decode()


def load_public_key(text):
    """An Ed25519PublicKey from base64 of its 32 raw bytes; ValueError if not."""
    try:
        raw = _b64decode(text)
        if len(raw) != 32:
            raise ValueError("an Ed25519 public key has 32 bytes")
        return Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, TypeError, binascii.Error) as error:
        raise ValueError(str(error)) from None


def fingerprint(public_key_or_text):
    """ "sha256:<hex>" of a public key (an Ed25519PublicKey or its base64 text)."""
    key = public_key_or_text
    if isinstance(key, str):
        key = load_public_key(key)
    return "sha256:" + hashlib.sha256(key.public_bytes(*RAW)).hexdigest()


def normalise_fingerprint(text):
    """A fingerprint as typed (spaces, colons, capitals) in the form `fingerprint` gives."""
    text = "".join(str(text or "").split()).lower()
    if text.startswith("sha256:"):
        text = text[len("sha256:") :]
    return "sha256:" + text.replace(":", "")


def city_public_key():
    return city_private_key().public_key()


def sign(document, private_key=None):
    """The signature block of `document` (a dict without "signature")."""
    private_key = private_key or city_private_key()
    value = private_key.sign(canonical_bytes(document))
    return {
        "algorithm": ALGORITHM,
        "key_fingerprint": fingerprint(private_key.public_key()),
        "value": base64.b64encode(value).decode(),
    }


def verify(document, signature, public_key_text_):
    """True when `signature` (a signature block) is `document`'s by that public key."""
    if not isinstance(signature, dict) or signature.get("algorithm") != ALGORITHM:
        return False
    try:
        key = load_public_key(public_key_text_)
        key.verify(_b64decode(signature.get("value", "")), canonical_bytes(document))
    except (InvalidSignature, ValueError, TypeError, binascii.Error):
        return False
    return True
