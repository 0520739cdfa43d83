"""Template filters of the search page."""

from django import template
from django.utils.translation import get_language_info

register = template.Library()


@register.filter
def text_direction(language):
    """ "rtl" or "ltr" for a language code (unknown codes read left to right)."""
    try:
        return "rtl" if get_language_info(language)["bidi"] else "ltr"
    except KeyError:
        return "ltr"
