"""Checks every piece of resident text passes before it is stored.

Comments, forum posts, claims and fact-checks all go through `clean_comment_text()`
(the text and its sanitised HTML, or a translated ValidationError saying what to
change) and `clean_language()` (the language it was written in). The error codes in
`TEXT_ERROR_CODES` are about the text itself, so forms show them against the text field.
"""

import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from .sanitise import count_links, has_visible_text, sanitise, strip_bidi_controls

TEXT_ERROR_CODES = frozenset({"empty", "too_long", "too_many_links", "invalid_characters"})

# Line breaks and tabs are text; every other control character is not.
_ALLOWED_CONTROLS = frozenset("\n\r\t")


def clean_comment_text(text):
    """(text, safe HTML), or ValidationError saying what to change.

    The text comes back without bidirectional override and embedding controls (see
    `sanitise`); text made only of spaces and invisible characters counts as empty."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            text = None
    if not isinstance(text, str) or any(
        (unicodedata.category(char) in ("Cc", "Cs") and char not in _ALLOWED_CONTROLS)
        or char == "\ufffd"
        for char in text
    ):
        raise ValidationError(
            _(
                "Your comment contains characters we cannot store, such as control "
                "characters. Please retype it or paste it as plain text."
            ),
            code="invalid_characters",
        )
    if not text.strip():
        raise ValidationError(_("Please write your comment before sending it."), code="empty")
    text = strip_bidi_controls(text)
    if not has_visible_text(text):
        raise ValidationError(
            _(
                "Your comment has no visible text: it is made only of spaces or invisible "
                "characters. Please write your comment before sending it."
            ),
            code="empty",
        )
    if len(text) > settings.COMMENT_MAX_LENGTH:
        raise ValidationError(
            _(
                "Your comment is %(length)s characters long. Please shorten it to "
                "%(limit)s characters or fewer."
            ),
            code="too_long",
            params={"length": len(text), "limit": settings.COMMENT_MAX_LENGTH},
        )
    html = sanitise(text)
    if not strip_tags(html).strip():
        raise ValidationError(
            _("Your comment has no text left once formatting is removed. Please write it again."),
            code="empty",
        )
    links = count_links(html)
    if links > settings.COMMENT_MAX_LINKS:
        raise ValidationError(
            _("Your comment has %(count)s links. Please keep it to %(limit)s links or fewer."),
            code="too_many_links",
            params={"count": links, "limit": settings.COMMENT_MAX_LINKS},
        )
    return text, html


def clean_language(language):
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    languages = dict(settings.LANGUAGES)
    if language not in languages:
        language = language.split("-")[0]
    if language not in languages:
        raise ValidationError(
            _("Please choose the language you wrote in from the list."), code="bad_language"
        )
    return language
