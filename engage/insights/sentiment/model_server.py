"""A sentiment model server that the city runs itself, reached over HTTP.

Configured by ``INSIGHTS_SENTIMENT_HTTP_URL``, ``INSIGHTS_SENTIMENT_HTTP_TIMEOUT``,
``INSIGHTS_SENTIMENT_HTTP_LANGUAGES`` and ``INSIGHTS_SENTIMENT_HTTP_NAME`` (name and
version stored beside its scores). The protocol (docs/text-signals.md):

    POST <url>  Content-Type: application/json
    {"text": "...", "language": "fr"}
    -> 200 application/json  {"sentiment": -0.42}

The answer is validated strictly: a JSON object whose ``sentiment`` is a finite number
in [-1, 1] (not a boolean, not a string). Anything else, a timeout, a refused
connection or a non-200 status logs a warning and raises ``SentimentUnavailable``: the
pipeline stores the attempt as failed and retries it on the next ``analyse_texts`` run
instead of storing "not scored" for good; ``score_text`` prints null.
"""

import json
import logging
import math
import urllib.error
import urllib.request

from .. import conf
from .errors import SentimentUnavailable

logger = logging.getLogger(__name__)

# A score is a few bytes; a larger answer is not one we asked for.
MAX_RESPONSE_BYTES = 64 * 1024


class ModelServerBackend:
    """Scores texts by POSTing them to the city's model server."""

    def __init__(self, url: str, *, languages, timeout: float, name: str):
        self.url = url
        self.languages = frozenset(languages)
        self.timeout = timeout
        # "city-xlmr 2" → name "city-xlmr", version "2"; a bare name gets version "1".
        parts = name.strip().split(None, 1)
        self.name = parts[0] if parts else "http"
        self.version = parts[1] if len(parts) > 1 else "1"

    def score(self, text: str, language: str | None = None) -> float | None:
        """The server's score; raises ``SentimentUnavailable`` when there is none."""
        if not text or not text.strip():
            return None
        body = json.dumps({"text": text, "language": language}).encode()
        request = urllib.request.Request(  # noqa: S310 - the URL is the operator's setting
            self.url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                status = response.status
                raw = response.read(MAX_RESPONSE_BYTES + 1)
        except urllib.error.HTTPError as error:
            logger.warning("Sentiment server %s answered HTTP %s", self.url, error.code)
            raise SentimentUnavailable(f"HTTP {error.code}") from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            logger.warning("Sentiment server %s unreachable: %s", self.url, error)
            raise SentimentUnavailable(f"unreachable: {error}") from error
        if status != 200:
            logger.warning("Sentiment server %s answered HTTP %s", self.url, status)
            raise SentimentUnavailable(f"HTTP {status}")
        if len(raw) > MAX_RESPONSE_BYTES:
            logger.warning("Sentiment server %s sent an oversized answer", self.url)
            raise SentimentUnavailable("oversized answer")
        score = parse_score(raw, self.url)
        if score is None:
            raise SentimentUnavailable("invalid answer")
        return score


def parse_score(raw: bytes, source: str = "sentiment server") -> float | None:
    """The score in a model server's answer, or None (logged) when it is not valid."""
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        logger.warning("Sentiment server %s sent an answer that is not JSON", source)
        return None
    value = payload.get("sentiment") if isinstance(payload, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        logger.warning("Sentiment server %s sent no numeric 'sentiment'", source)
        return None
    if not math.isfinite(value) or not -1.0 <= value <= 1.0:
        logger.warning("Sentiment server %s sent a score outside [-1, 1]: %r", source, value)
        return None
    return float(value)


def model_server_backend() -> ModelServerBackend | None:
    """The configured model server backend, or None when no URL is set (registry factory)."""
    url = conf.sentiment_http_url()
    languages = conf.sentiment_http_languages()
    if not url or not languages:
        return None
    return ModelServerBackend(
        url,
        languages=languages,
        timeout=conf.sentiment_http_timeout(),
        name=conf.sentiment_http_name(),
    )
