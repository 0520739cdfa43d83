"""Template helpers for moderation pages and emails."""

import datetime

from django import template

from engage.moderation.registry import label_of

register = template.Library()


@register.filter
def iso_datetime(value):
    """An ISO 8601 string (as stored in task arguments) as a datetime; None if empty."""
    if not value:
        return None
    try:
        return datetime.datetime.fromisoformat(str(value))
    except ValueError:
        return None


@register.filter
def kind_label(kind):
    """A queue item's kind ("comment", "post", …) in the reader's language."""
    return label_of(kind)
