"""VADER (vaderSentiment, MIT licence) for English: rule-based, offline, ships its lexicon.

VADER's ``compound`` score is already normalised to [-1, 1]; it handles booster words
("very"), negation ("not good"), capitals ("GOOD") and punctuation ("good!!!"). It is an
English lexicon and is used for English only.
"""

import threading
from importlib.metadata import PackageNotFoundError, version

from .registry import clamp

_lock = threading.Lock()
_analyser = None


def _vader_version() -> str:
    try:
        return version("vaderSentiment")
    except PackageNotFoundError:  # pragma: no cover - an unusual install
        return "unknown"


class VaderBackend:
    """English sentiment from VADER's compound score."""

    name = "vader"
    languages = frozenset({"en"})

    def __init__(self):
        self.version = _vader_version()

    @staticmethod
    def _get_analyser():
        global _analyser
        if _analyser is None:
            with _lock:
                if _analyser is None:
                    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

                    _analyser = SentimentIntensityAnalyzer()
        return _analyser

    def score(self, text: str, language: str | None = None) -> float | None:
        if not text or not text.strip():
            return None
        return clamp(self._get_analyser().polarity_scores(text)["compound"])


_backend = None


def vader_backend() -> VaderBackend:
    """The process's VADER backend (the registry's factory)."""
    global _backend
    if _backend is None:
        _backend = VaderBackend()
    return _backend
