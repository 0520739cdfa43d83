"""Sentiment backends: a registry of scorers, each with a name, a version and languages.

A backend scores a text in one of its languages to a float in [-1, 1], or returns None
when it cannot (the text then counts as "not scored"). ``backend_for(language)`` picks
the first registered backend that supports the language, and nothing else: a language
without a backend is never scored with another language's lexicon, nor translated.

Backends shipped: VADER for English (``vader.py``) and a city-run model server over HTTP
(``model_server.py``, only when configured). A backend that fails for now (the model server is down)
raises ``SentimentUnavailable`` rather than returning None. Register more with ``register_backend`` (in an
``AppConfig.ready()``).
"""

from .errors import SentimentUnavailable
from .model_server import model_server_backend
from .registry import (
    SentimentBackend,
    available_backends,
    backend_for,
    get_backend,
    register_backend,
    unregister_backend,
)
from .vader import vader_backend

# The city's own model server first: when it is configured for a language, it was chosen
# on purpose over the built-in lexicon.
register_backend("http", model_server_backend)
register_backend("vader", vader_backend)

__all__ = [
    "SentimentBackend",
    "SentimentUnavailable",
    "available_backends",
    "backend_for",
    "get_backend",
    "register_backend",
    "unregister_backend",
]
