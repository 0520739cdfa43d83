"""Encryption at rest of what a reporter writes (the account of what happened and the
contact details), with Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`).

The key comes from the environment (INCIDENT_ENCRYPTION_KEY; several keys separated by
commas rotate: the first encrypts, every one decrypts). Production stops at start-up
without it (engage/settings/production.py). Development and tests, which have no key,
derive one deterministically from SECRET_KEY and log a warning once: fine for a demo,
never for real reports, since anyone with the SECRET_KEY could read them.
"""

import base64
import hashlib
import logging

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from . import conf

logger = logging.getLogger("engage.incidents")
_DERIVATION_LABEL = b"engage.monitoring.incidents:"
_warned = False


class DecryptionError(Exception):
    """Stored text could not be decrypted with any configured key."""


def derived_key():
    """The development key: SHA-256 of a label and SECRET_KEY, as a Fernet key."""
    digest = hashlib.sha256(_DERIVATION_LABEL + settings.SECRET_KEY.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def _fernet():
    global _warned
    keys = conf.encryption_keys()
    if not keys:
        if not _warned:
            logger.warning(
                "INCIDENT_ENCRYPTION_KEY is not set: incident reports are encrypted with a "
                "key derived from SECRET_KEY (development and tests only)."
            )
            _warned = True
        keys = [derived_key()]
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError:
        raise ImproperlyConfigured(
            "INCIDENT_ENCRYPTION_KEY is not a valid Fernet key (32 url-safe base64-encoded "
            'bytes). Generate one with `python -c "from cryptography.fernet import Fernet; '
            'print(Fernet.generate_key().decode())"`.'
        ) from None


def encrypt(text):
    """The token (text) for `text`; the empty string stays empty."""
    if not text:
        return ""
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token):
    """The text of `token`; DecryptionError when no configured key opens it."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise DecryptionError(
            _(
                "This text cannot be decrypted with the configured key. Check "
                "INCIDENT_ENCRYPTION_KEY: after a key change, list the new key first and the "
                "old one after it, separated by a comma."
            )
        ) from None
