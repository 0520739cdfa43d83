"""Offline language detection with lingua: a configured language, or undetermined.

Two detectors, each built once per process behind a lock:

* a **high-accuracy** detector over the configured languages only (cheap: lingua loads
  the models of those languages alone) chooses *which* configured language a text is;
* a **low-accuracy** detector over *all* of lingua's 75 languages (trigram models only:
  about 60 MB and 1–2 s on its first call, then well under a millisecond a sentence —
  measured in docs/text-signals.md) checks that the text is in a configured language
  at all. Loading every high-accuracy model instead costs about 1 GB and 26 s.

The answer is ``None`` ("undetermined"), never a guess, when: the configured detector's
best language is less certain than ``INSIGHTS_LANGUAGE_MIN_CONFIDENCE`` or leads the
next by less than ``INSIGHTS_LANGUAGE_MIN_MARGIN``; the all-languages detector prefers
another *configured* language (the two disagree, as on single words like "good"); or it
prefers a language outside the configuration by at least ``FOREIGN_LEAD`` (Italian is
not French, Portuguese not Spanish, Swahili not Somali). With one configured language
there is nothing to choose between, so the all-languages detector alone must name it
with the required confidence and lead: Arabic is never labelled English.
"""

import threading

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

from . import conf

# How far (in the all-languages detector's confidence) a language outside the
# configuration must lead the configured detector's choice to make the text
# undetermined. Below it, near-neighbours win for the configured language: a short
# Dutch sentence that the low-accuracy models score 0.74 Afrikaans, 0.26 Dutch stays nl.
FOREIGN_LEAD = 0.5

_lock = threading.Lock()
_configured = None
_configured_codes: tuple[str, ...] = ()
_all_languages = None


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


def _code(language: Language) -> str:
    return language.iso_code_639_1.name.lower()


def _get_configured_detector(codes: tuple[str, ...]):
    """The detector over the configured languages; None with fewer than two of them."""
    global _configured, _configured_codes
    detector = _configured
    if _configured_codes == codes and detector is not None:
        return detector or None
    with _lock:
        if _configured is None or _configured_codes != codes:
            languages = [lang for lang in map(lingua_language, codes) if lang is not None]
            _configured = (
                LanguageDetectorBuilder.from_languages(*languages).build()
                if len(languages) >= 2
                else False
            )
            _configured_codes = codes
        return _configured or None


def _get_all_languages_detector():
    global _all_languages
    if _all_languages is None:
        with _lock:
            if _all_languages is None:
                _all_languages = (
                    LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()
                )
    return _all_languages


def _is_clear(values: list[tuple[str, float]]) -> bool:
    """Whether the first of ``values`` (best first) is confident and leads enough."""
    if not values:
        return False
    best = values[0][1]
    runner_up = values[1][1] if len(values) > 1 else 0.0
    return best >= conf.language_min_confidence() and best - runner_up >= conf.language_min_margin()


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when undetermined."""
    if not text or not text.strip():
        return None
    codes = tuple(code for code in conf.insights_languages() if lingua_language(code))
    if not codes:
        return None
    everything = [
        (_code(value.language), value.value)
        for value in _get_all_languages_detector().compute_language_confidence_values(text)
    ]
    if not everything or everything[0][1] <= 0.0:
        return None  # no letters lingua knows ("12345", "👍")
    detector = _get_configured_detector(codes)
    if detector is None:
        # One configured language: nothing to choose between, so the all-languages
        # detector must name it clearly.
        return everything[0][0] if everything[0][0] == codes[0] and _is_clear(everything) else None
    configured = [
        (_code(value.language), value.value)
        for value in detector.compute_language_confidence_values(text)
    ]
    if not _is_clear(configured):
        return None
    choice = configured[0][0]
    top, top_value = everything[0]
    if top == choice:
        return choice
    if top in codes:
        return None  # the two detectors disagree between configured languages
    choice_value = dict(everything).get(choice, 0.0)
    return None if top_value - choice_value >= FOREIGN_LEAD else choice
