"""Text signals (engage.insights, docs/text-signals.md): language detection and the
city-run sentiment model server. The only place their defaults are written:
engage/insights/conf.py reads these settings without defaults of its own."""

from .environment import env, env_list

# Languages detection chooses from (ISO 639-1); empty: the interface LANGUAGES.
INSIGHTS_LANGUAGES = env_list("INSIGHTS_LANGUAGES", "")
# Below this confidence, or this lead over the next language, a text is undetermined.
INSIGHTS_LANGUAGE_MIN_CONFIDENCE = float(env("INSIGHTS_LANGUAGE_MIN_CONFIDENCE", "0.25"))
INSIGHTS_LANGUAGE_MIN_MARGIN = float(env("INSIGHTS_LANGUAGE_MIN_MARGIN", "0.05"))
# A sentiment model server the city runs itself; empty URL: off.
INSIGHTS_SENTIMENT_HTTP_URL = env("INSIGHTS_SENTIMENT_HTTP_URL", "")
INSIGHTS_SENTIMENT_HTTP_LANGUAGES = env_list("INSIGHTS_SENTIMENT_HTTP_LANGUAGES", "")
INSIGHTS_SENTIMENT_HTTP_TIMEOUT = float(env("INSIGHTS_SENTIMENT_HTTP_TIMEOUT", "5"))
INSIGHTS_SENTIMENT_HTTP_NAME = env("INSIGHTS_SENTIMENT_HTTP_NAME", "http")
