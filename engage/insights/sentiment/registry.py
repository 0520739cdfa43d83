"""The registry of sentiment backends and the protocol each one follows."""

import threading
from collections.abc import Callable
from typing import Protocol, runtime_checkable


@runtime_checkable
class SentimentBackend(Protocol):
    """What a sentiment backend provides.

    ``name`` and ``version`` are stored beside every score (``"<name> <version>"``);
    ``languages`` are the ISO 639-1 codes it scores; ``score(text, language)`` returns a
    float in [-1, 1], or None when this text could not be scored (errors are logged, not
    raised). It is only ever called with a language from ``languages``.
    """

    name: str
    version: str

    @property
    def languages(self) -> frozenset[str]: ...

    def score(self, text: str, language: str | None = None) -> float | None: ...


_lock = threading.Lock()
# Factories rather than instances: a backend may read settings (the HTTP backend's URL)
# and should see them as they are when asked, not as they were at import.
_factories: dict[str, Callable[[], SentimentBackend | None]] = {}


def register_backend(name: str, factory: Callable[[], SentimentBackend | None]) -> None:
    """Register (or replace) a backend under ``name``, tried in registration order.

    ``factory()`` returns the backend, or None while it is not configured.
    """
    with _lock:
        _factories[name] = factory


def unregister_backend(name: str) -> None:
    with _lock:
        _factories.pop(name, None)


def available_backends() -> list[SentimentBackend]:
    """The configured backends, in the order they are tried."""
    with _lock:
        factories = list(_factories.values())
    return [backend for backend in (factory() for factory in factories) if backend is not None]


def get_backend(name: str) -> SentimentBackend | None:
    """The configured backend registered as ``name``, or whose own name is ``name``.

    ``analyse_texts --backend`` accepts either: "http" or the city's "city-xlmr".
    """
    with _lock:
        factory = _factories.get(name)
    if factory is not None:
        return factory()
    return next((b for b in available_backends() if b.name == name), None)


def backend_for(language: str | None) -> SentimentBackend | None:
    """The backend that scores ``language``, or None: this language is not scored."""
    if not language:
        return None
    for backend in available_backends():
        if language in backend.languages:
            return backend
    return None


def clamp(value: float) -> float:
    """Keep a score inside [-1, 1] (guards against rounding at the edges)."""
    return max(-1.0, min(1.0, float(value)))
