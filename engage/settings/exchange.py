"""Exchange with other cities (engage.exchange, docs/exchange.md): who this city is in
the packages it signs, the licence they carry, the Ed25519 signing key, and the limits
of fetching other cities' feeds.

EXCHANGE_SIGNING_KEY: the city's Ed25519 private key, base64 of its 32 raw bytes or a
PEM (PKCS#8) block. Without one, development and tests derive a stable key from
SECRET_KEY; production does not (`production_exchange_settings`): exporting is off
unless EXCHANGE_EXPORT_ENABLED=1, and then a missing or invalid key stops start-up.
Make a key with `python manage.py export_exchange --new-key`.
"""

import base64
import binascii

from .environment import env, env_bool

EXCHANGE_CITY_NAME = env("EXCHANGE_CITY_NAME", "Engage")
# The city's stable identifier in packages: the base URL of its instance. Empty means
# the resolved settings.BASE_URL, read when a package is signed (engage.exchange.conf),
# so production's BASE_URL derived from ALLOWED_HOSTS is used too.
EXCHANGE_CITY_ID = env("EXCHANGE_CITY_ID", "")
EXCHANGE_LICENCE = env("EXCHANGE_LICENCE", "CC-BY-4.0")
EXCHANGE_SIGNING_KEY = env("EXCHANGE_SIGNING_KEY", "")
EXCHANGE_EXPORT_ENABLED = env_bool("EXCHANGE_EXPORT_ENABLED", True)
# Development and tests only: without EXCHANGE_SIGNING_KEY, derive the key from SECRET_KEY
# (stable across restarts). Production sets it to False.
EXCHANGE_KEY_FROM_SECRET = True
# Fetching subscribed feeds (sync_exchange_feeds): seconds per request, and the largest
# feed or package read (bytes); anything longer is refused, not truncated.
EXCHANGE_FETCH_TIMEOUT = float(env("EXCHANGE_FETCH_TIMEOUT", "10"))
EXCHANGE_FETCH_MAX_BYTES = int(env("EXCHANGE_FETCH_MAX_BYTES", str(20 * 1024 * 1024)))
# Feeds and packages on private, loopback, link-local, multicast or reserved addresses are
# refused (no server-side request forgery into the city's own network). Tests that fetch
# from a local server override this.
EXCHANGE_ALLOW_PRIVATE_ADDRESSES = env_bool("EXCHANGE_ALLOW_PRIVATE_ADDRESSES", False)


def valid_signing_key(text):
    """True when `text` is an Ed25519 private key Engage can read (base64 or PEM)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    text = (text or "").strip()
    if not text:
        return False
    try:
        if text.startswith("-----BEGIN"):
            key = serialization.load_pem_private_key(text.encode(), password=None)
            return isinstance(key, Ed25519PrivateKey)
        raw = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_")
        if len(raw) != 32:
            return False
        Ed25519PrivateKey.from_private_bytes(raw)
        return True
    except (ValueError, TypeError, binascii.Error):
        return False


def production_exchange_settings():
    """The exchange settings of production, read from the environment only: exporting
    is off unless EXCHANGE_EXPORT_ENABLED=1; when on, EXCHANGE_SIGNING_KEY must hold a
    valid key, or start-up stops with ImproperlyConfigured saying what to do."""
    from django.core.exceptions import ImproperlyConfigured

    enabled = env_bool("EXCHANGE_EXPORT_ENABLED", False)
    key = env("EXCHANGE_SIGNING_KEY", "")
    if enabled and not key:
        raise ImproperlyConfigured(
            "EXCHANGE_EXPORT_ENABLED is on but EXCHANGE_SIGNING_KEY is not set: set it to "
            "the city's Ed25519 private key (make one with `python manage.py "
            "export_exchange --new-key`), or set EXCHANGE_EXPORT_ENABLED=0. "
            "See docs/exchange.md."
        )
    if enabled and not valid_signing_key(key):
        raise ImproperlyConfigured(
            "EXCHANGE_SIGNING_KEY is not a valid Ed25519 private key: give the base64 of "
            "its 32 raw bytes or a PEM (PKCS#8) block, as printed by `python manage.py "
            "export_exchange --new-key`. See docs/exchange.md."
        )
    return {
        "EXCHANGE_EXPORT_ENABLED": enabled,
        "EXCHANGE_SIGNING_KEY": key,
        "EXCHANGE_KEY_FROM_SECRET": False,
    }
