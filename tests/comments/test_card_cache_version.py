"""Cached comment cards and sections carry what they were rendered with: a deploy that
changes their templates, or a language's date format, starts afresh by itself."""

from django.utils import translation

from consultations import comments


def test_the_version_follows_the_templates(monkeypatch):
    before = comments.card_template_version()
    comments._templates_digest.cache_clear()
    monkeypatch.setattr(comments, "CACHED_TEMPLATES", comments.CACHED_TEMPLATES[:1])
    try:
        assert comments.card_template_version() != before
    finally:
        comments._templates_digest.cache_clear()


def test_the_version_follows_the_date_format(settings):
    with translation.override("en"):
        english = comments.card_template_version()
    with translation.override("fr"):
        assert comments.card_template_version() != english
    settings.FORMAT_MODULE_PATH = None  # Django's own English format again
    from django.utils import formats

    formats.reset_format_cache()
    try:
        with translation.override("en"):
            assert comments.card_template_version() != english
    finally:
        formats.reset_format_cache()
