"""Abuse signals: identity-directed derogation, dehumanisation, threats, slurs, profanity.

English only, rule-based and written for Engage (``detector.py``; the method and its
measured quality are in docs/text-signals.md). Every other language is "unsupported":
``flagged`` is None, never False. A flag only sends the text to the moderation queue.
"""

from .categories import ABUSE_CATEGORIES
from .detector import detect

__all__ = ["ABUSE_BACKEND", "ABUSE_CATEGORIES", "SUPPORTED_LANGUAGES", "detect_abuse"]

SUPPORTED_LANGUAGES = frozenset({"en"})
ABUSE_BACKEND = "engage-rules 1"


def detect_abuse(text: str, language: str | None) -> tuple[bool | None, tuple[str, ...]]:
    """(flagged, categories) for ``text``; flagged is None where the language is unsupported."""
    if language not in SUPPORTED_LANGUAGES:
        return None, ()
    if not text or not text.strip():
        return False, ()
    categories = detect(text)
    return bool(categories), categories
