"""Offline language detection with lingua: a configured language, or undetermined.

* A **high-accuracy** detector over the configured languages only chooses *which*
  configured language a text is (``INSIGHTS_LANGUAGE_MIN_CONFIDENCE`` and
  ``INSIGHTS_LANGUAGE_MIN_MARGIN`` below which it is undetermined).
* A **low-accuracy** detector over *all* of lingua's 75 languages (trigram models only,
  a few tens of MB) checks that the text is in a configured language at all. It is noisy
  on short texts, so when it names another language, a high-accuracy detector for just
  that pair settles it: the configured choice must lead it by ``PAIR_LEAD``. Italian is
  then undetermined rather than French, Portuguese rather than Spanish, Swahili rather
  than Somali, and "good" rather than Somali.
* With one configured language there is nothing to choose between: the text gets it
  only if the all-languages detector names it clearly or it wins the pair (Arabic
  is never labelled English under ``INSIGHTS_LANGUAGES=en``).

lingua loads each language's models once per process, when first needed, and shares them
between detectors: a language's full models are loaded the first time it competes in a
pair. Costs are measured in docs/text-signals.md.
"""

import threading

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

from . import conf

# How far the configured choice must lead the other language, the two alone with full
# models ("good" is so 0.59 / en 0.41: undetermined; "Dit plan is zonde van het geld." nl 0.61 / af 0.39: nl).
PAIR_LEAD = 0.2

_lock = threading.Lock()
_configured = None
_configured_codes: tuple[str, ...] = ()
_all_languages = None
_pairs: dict[tuple[str, str], object] = {}


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


def _get_pair_detector(first: str, second: str):
    """A high-accuracy detector for two languages; lingua shares loaded models between
    detectors, so each language's full models are loaded once, when first needed."""
    key = (first, second)
    detector = _pairs.get(key)
    if detector is None:
        languages = [lingua_language(first), lingua_language(second)]
        if None in languages:
            return None
        with _lock:
            detector = _pairs.setdefault(
                key, LanguageDetectorBuilder.from_languages(*languages).build()
            )
    return detector


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
        # One configured language: nothing to choose between, only whether it is that one.
        choice = codes[0]
        if everything[0][0] == choice:
            return choice if _is_clear(everything) else None
    else:
        configured = [
            (_code(value.language), value.value)
            for value in detector.compute_language_confidence_values(text)
        ]
        if not _is_clear(configured):
            return None
        choice = configured[0][0]
    top = everything[0][0]
    if top == choice:
        return choice
    # The quick all-languages check prefers another language (it is noisy on short texts:
    # "The council are a bunch of useless idiots." comes out Yoruba). The two languages'
    # full models settle it; the other language must win clearly.
    pair = _get_pair_detector(choice, top)
    if pair is None:
        return choice
    values = {_code(v.language): v.value for v in pair.compute_language_confidence_values(text)}
    return choice if values.get(choice, 0.0) - values.get(top, 0.0) >= PAIR_LEAD else None
