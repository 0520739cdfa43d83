"""Settings of the text signals, read at the time of use so ``override_settings`` works.

The defaults live in one place, ``engage/settings/insights.py`` (read from the
environment); these functions only normalise the values.
"""

from django.conf import settings

# Sentiment scores inside this band count as neutral (documented in docs/text-signals.md).
NEUTRAL_BAND = 0.05


def insights_languages() -> tuple[str, ...]:
    """The languages a text may be labelled with (ISO 639-1 codes).

    Empty ``INSIGHTS_LANGUAGES``: the interface ``LANGUAGES``.
    """
    configured = settings.INSIGHTS_LANGUAGES or [code for code, _name in settings.LANGUAGES]
    return tuple(dict.fromkeys(code.split("-")[0].lower() for code in configured))


def language_min_confidence() -> float:
    """Below this confidence (0..1) the detected language is stored as undetermined.

    lingua's confidences are shares among the configured languages: with ten of them a
    correct guess on one short English sentence is often 0.3–0.5 (docs/text-signals.md).
    """
    return float(settings.INSIGHTS_LANGUAGE_MIN_CONFIDENCE)


def language_min_margin() -> float:
    """The best language must lead the next by this much, or the text is undetermined.

    Single words ("ok", "lol", "Park") are near ties between several languages.
    """
    return float(settings.INSIGHTS_LANGUAGE_MIN_MARGIN)


def sentiment_http_url() -> str:
    """URL of a city-run sentiment model server; empty disables the HTTP backend."""
    return settings.INSIGHTS_SENTIMENT_HTTP_URL or ""


def sentiment_http_timeout() -> float:
    """Seconds to wait for the model server before the attempt counts as failed."""
    return float(settings.INSIGHTS_SENTIMENT_HTTP_TIMEOUT)


def sentiment_http_languages() -> tuple[str, ...]:
    """Languages the city's model server scores (it is asked about no other language)."""
    return tuple(settings.INSIGHTS_SENTIMENT_HTTP_LANGUAGES or ())


def sentiment_http_name() -> str:
    """Name and version reported for the model server's scores, e.g. ``"city-xlmr 2"``.

    Empty: ``"http"``.
    """
    return settings.INSIGHTS_SENTIMENT_HTTP_NAME or "http"
