"""Small helpers of the glossary's own templates."""

from django import template
from django.conf import settings

from ..snapshots import language_name

register = template.Library()


@register.filter
def language_label(code):
    """The name of a language code, in the reader's language."""
    return language_name(code)


@register.filter
def is_rtl(code):
    return code in settings.LANGUAGES_BIDI
