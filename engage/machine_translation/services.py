"""Translate one piece of resident content into the reader's language, through the
configured backend, with the Django cache as the store.

Choice (docs/machine-translation.md): translation happens on demand, never while a page
is rendered. A page shows a translation only when it is already in the cache
(`cached_translation`, a cache read); otherwise it marks the text, and the page's script
asks the endpoint (`views.translation`), which calls `translate()`. A page therefore
never waits for the service, and residents without JavaScript see the original (and the
translation once someone has asked for it).

The cache key holds the content's kind and id, a digest of its text and edit time (an
edit, a redaction or a withdrawal makes a new key) and the target language. A failure is
remembered for MACHINE_TRANSLATION_RETRY_SECONDS so that a service that is down is not
asked again on every page view.

Translations are never used for moderation: `rules.may_read_machine_translation` refuses
moderators and unpublished content, and both functions here ask it first.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from .backends import get_backend
from .conf import setting
from .rules import may_read_machine_translation

KEY_PREFIX = "machine-translation:v1"
FAILED = "failed"


@dataclass(frozen=True)
class Translation:
    """A translated text and what a page needs to show it."""

    text: str
    source: str
    target: str

    @property
    def source_name(self):
        return language_name(self.source)

    @property
    def source_dir(self):
        return text_direction(self.source)

    @property
    def target_dir(self):
        return text_direction(self.target)


def base_language(code):
    return (code or "").split("-")[0].lower()


def language_name(code):
    """The language's name in the reader's language."""
    names = dict(settings.LANGUAGES)
    return str(names.get(code) or names.get(base_language(code)) or code)


def text_direction(code):
    bidi = set(getattr(settings, "LANGUAGES_BIDI", ()))
    return "rtl" if base_language(code) in bidi else "ltr"


def is_enabled():
    """True when a backend other than the null one is configured."""
    return get_backend().enabled


def reader_language():
    return base_language(translation.get_language() or settings.LANGUAGE_CODE)


def wants_translation(content, user, target):
    """Whether `content` should be offered to `user` in `target`: the feature is on, the
    rules allow it, the content has a known language other than `target`, and a text
    of a size the service is sent."""
    source = base_language(getattr(content, "language", ""))
    text = content.body_text or ""
    return bool(
        source
        and target
        and source != base_language(target)
        and text.strip()
        and len(text) <= setting("MACHINE_TRANSLATION_MAX_CHARS")
        and may_read_machine_translation.test(user, content)
    )


def cache_key(content, target):
    """Kind and id of the content, a digest of its text and edit time, the target."""
    edited = content.edited_at.isoformat() if getattr(content, "edited_at", None) else ""
    digest = hashlib.sha256(f"{edited}\n{content.body_text}".encode()).hexdigest()[:20]
    return f"{KEY_PREFIX}:{content._meta.label_lower}:{content.pk}:{digest}:{base_language(target)}"


def cached_translation(content, user, target=None):
    """The translation of `content` for `user` if it is in the cache, else None. Never
    calls the service: safe while rendering a page."""
    target = base_language(target or reader_language())
    if not is_enabled() or not wants_translation(content, user, target):
        return None
    cached = cache.get(cache_key(content, target))
    if isinstance(cached, str) and cached != FAILED:
        return Translation(text=cached, source=base_language(content.language), target=target)
    return None


def is_pending(content, user, target=None):
    """True when a translation could be asked for (on, wanted, not cached, not failed
    recently): the page then marks the text for its script."""
    target = base_language(target or reader_language())
    if not is_enabled() or not wants_translation(content, user, target):
        return False
    return cache.get(cache_key(content, target)) is None


def translate(content, user, target=None):
    """The translation of `content` into `target` (default: the active language) for
    `user`: from the cache, else from the service (then cached), else None."""
    target = base_language(target or reader_language())
    backend = get_backend()
    if not backend.enabled or not wants_translation(content, user, target):
        return None
    key = cache_key(content, target)
    cached = cache.get(key)
    if cached == FAILED:
        return None
    source = base_language(content.language)
    if isinstance(cached, str):
        return Translation(text=cached, source=source, target=target)
    translated = backend.translate([content.body_text], source, target)
    if len(translated) != 1 or not translated[0].strip():
        cache.set(key, FAILED, setting("MACHINE_TRANSLATION_RETRY_SECONDS"))
        return None
    cache.set(key, translated[0], setting("MACHINE_TRANSLATION_CACHE_SECONDS"))
    return Translation(text=translated[0], source=source, target=target)
