"""Cached comment cards and sections carry what they were rendered with: a deploy that
changes their templates, or a language's date format, starts afresh by itself."""

from django.utils import translation

from consultations import card_keys


def test_the_version_follows_the_templates(monkeypatch):
    before = card_keys.card_template_version()
    card_keys._templates_digest.cache_clear()
    monkeypatch.setattr(card_keys, "CACHED_TEMPLATES", card_keys.CACHED_TEMPLATES[:1])
    try:
        assert card_keys.card_template_version() != before
    finally:
        card_keys._templates_digest.cache_clear()


def test_the_version_follows_the_date_format(settings):
    with translation.override("en"):
        english = card_keys.card_template_version()
    with translation.override("fr"):
        assert card_keys.card_template_version() != english
    settings.FORMAT_MODULE_PATH = None  # Django's own English format again
    from django.utils import formats

    formats.reset_format_cache()
    try:
        with translation.override("en"):
            assert card_keys.card_template_version() != english
    finally:
        formats.reset_format_cache()
