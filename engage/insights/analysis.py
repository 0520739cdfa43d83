"""The analysis of one resident text: language, sentiment and abuse signals.

``analyse_text`` is the one entry point: the background task, ``analyse_texts`` and
``score_text`` all call it, so they agree. It needs no database and no network unless a
city-run sentiment server is configured.
"""

from dataclasses import dataclass

from .abuse import ABUSE_BACKEND, ABUSE_CATEGORIES, SUPPORTED_LANGUAGES, detect_abuse
from .language import detect_language
from .sentiment import SentimentUnavailable, backend_for

__all__ = ["ABUSE_CATEGORIES", "TextSignals", "analyse_text", "normalise_language"]


@dataclass(frozen=True)
class TextSignals:
    """What the analysis found in one text.

    ``None`` always means "not known", never "no": ``language`` None is undetermined,
    ``sentiment`` None is not scored (``backend`` is then None too), ``abuse_flagged``
    None is a language without an abuse detector (``abuse_backend`` None).
    """

    language: str | None
    sentiment: float | None
    backend: str | None
    abuse_flagged: bool | None
    abuse_categories: tuple[str, ...] = ()
    abuse_backend: str | None = None

    def as_contract(self) -> dict:
        """The JSON object of the scoring contract (``manage.py score_text``)."""
        return {
            "language": self.language,
            "sentiment": self.sentiment,
            "backend": self.backend,
            "abuse": {"flagged": self.abuse_flagged, "categories": list(self.abuse_categories)},
        }


EMPTY = TextSignals(None, None, None, None, (), None)


def normalise_language(code: str | None) -> str | None:
    """``"en-GB"`` → ``"en"``; empty → None."""
    if not code or not code.strip():
        return None
    return code.strip().replace("_", "-").split("-")[0].lower()


def analyse_text(
    text: str, language: str | None = None, *, unavailable_as_unscored: bool = False
) -> TextSignals:
    """Analyse ``text``; ``language`` (the writer's choice) skips detection.

    A backend that fails for now raises ``SentimentUnavailable`` (the pipeline stores a
    failed attempt and retries it), unless ``unavailable_as_unscored``: then the
    sentiment is None, as ``score_text`` prints it (the backend has logged why).
    """
    if not text or not text.strip():
        return EMPTY
    language = normalise_language(language) or detect_language(text)
    sentiment = backend_name = None
    backend = backend_for(language)
    if backend is not None:
        try:
            sentiment = backend.score(text, language)
        except SentimentUnavailable:
            if not unavailable_as_unscored:
                raise
            sentiment = None
        if sentiment is not None:
            sentiment = round(sentiment, 4)
            backend_name = f"{backend.name} {backend.version}"
    flagged, categories = detect_abuse(text, language)
    return TextSignals(
        language=language,
        sentiment=sentiment,
        backend=backend_name,
        abuse_flagged=flagged,
        abuse_categories=categories,
        abuse_backend=ABUSE_BACKEND if language in SUPPORTED_LANGUAGES else None,
    )
