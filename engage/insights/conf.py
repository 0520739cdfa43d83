"""Settings of the text signals, with their defaults.

``engage/settings/insights.py`` reads them from the environment; the defaults here keep
the analysis working where a value is unset. Read them through these functions, at the
time of use, so ``override_settings`` works.
"""

from django.conf import settings

# Sentiment scores inside this band count as neutral (documented in docs/text-signals.md).
NEUTRAL_BAND = 0.05


def insights_languages() -> tuple[str, ...]:
    """The languages language detection chooses from (ISO 639-1 codes)."""
    configured = getattr(settings, "INSIGHTS_LANGUAGES", None)
    if not configured:
        configured = [code for code, _name in settings.LANGUAGES]
    return tuple(dict.fromkeys(code.split("-")[0].lower() for code in configured))


def language_min_confidence() -> float:
    """Below this confidence (0..1) the detected language is stored as undetermined.

    lingua's confidences are shares among the configured languages: with ten of them a
    correct guess on one short English sentence is often 0.3–0.5 (docs/text-signals.md).
    """
    return float(getattr(settings, "INSIGHTS_LANGUAGE_MIN_CONFIDENCE", 0.25))


def language_min_margin() -> float:
    """The best language must lead the next by this much, or the text is undetermined.

    Single words ("ok", "lol", "Park") are near ties between several languages.
    """
    return float(getattr(settings, "INSIGHTS_LANGUAGE_MIN_MARGIN", 0.05))


def sentiment_http_url() -> str:
    """URL of a city-run sentiment model server; empty disables the HTTP backend."""
    return getattr(settings, "INSIGHTS_SENTIMENT_HTTP_URL", "") or ""


def sentiment_http_timeout() -> float:
    """Seconds to wait for the model server before the text counts as not scored."""
    return float(getattr(settings, "INSIGHTS_SENTIMENT_HTTP_TIMEOUT", 5.0))


def sentiment_http_languages() -> tuple[str, ...]:
    """Languages the city's model server scores (it is asked about no other language)."""
    return tuple(getattr(settings, "INSIGHTS_SENTIMENT_HTTP_LANGUAGES", ()) or ())


def sentiment_http_name() -> str:
    """Name and version reported for the model server's scores, e.g. ``"city-xlmr 2"``."""
    return getattr(settings, "INSIGHTS_SENTIMENT_HTTP_NAME", "") or "http"
