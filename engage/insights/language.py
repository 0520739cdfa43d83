"""Offline language detection with lingua, restricted to the configured languages.

One detector per process, built on first use (lingua loads its models lazily, so
building is cheap but not free) behind a lock, and rebuilt only when the configured
languages change. A text whose best guess is less certain than
``INSIGHTS_LANGUAGE_MIN_CONFIDENCE``, or that leads the next language by less than
``INSIGHTS_LANGUAGE_MIN_MARGIN``, is "undetermined" (``None``), never a guess.
"""

import threading

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

from . import conf

_lock = threading.Lock()
_detector = None
_detector_languages: tuple[str, ...] = ()


def lingua_language(code: str) -> Language | None:
    """The lingua language for an ISO 639-1 code, or None when lingua lacks it."""
    try:
        return Language.from_iso_code_639_1(IsoCode639_1.from_str(code))
    except ValueError:
        return None


def is_known_language(code: str) -> bool:
    """Whether ``code`` is an ISO 639-1 code (used to validate ``--lang`` and inputs)."""
    try:
        IsoCode639_1.from_str(code)
    except ValueError:
        return False
    return True


def _get_detector():
    global _detector, _detector_languages
    codes = conf.insights_languages()
    detector = _detector
    if detector is not None and _detector_languages == codes:
        return detector
    with _lock:
        if _detector is None or _detector_languages != codes:
            languages = [lang for lang in map(lingua_language, codes) if lang is not None]
            if len(languages) < 2:
                # lingua needs two candidates; one configured language needs no detection.
                _detector = languages[0] if languages else False
            else:
                _detector = LanguageDetectorBuilder.from_languages(*languages).build()
            _detector_languages = codes
        return _detector


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when undetermined."""
    if not text or not text.strip():
        return None
    detector = _get_detector()
    if detector is False:
        return None
    if isinstance(detector, Language):
        return detector.iso_code_639_1.name.lower()
    confidences = detector.compute_language_confidence_values(text)
    if not confidences:
        return None
    best = confidences[0]
    if best.value < conf.language_min_confidence():
        return None
    runner_up = confidences[1].value if len(confidences) > 1 else 0.0
    if best.value - runner_up < conf.language_min_margin():
        return None
    return best.language.iso_code_639_1.name.lower()
