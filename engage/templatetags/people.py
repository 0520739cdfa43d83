"""How people's names are printed: `{{ name|person_name }}`.

A display name is written by its owner, in any script. Printed inline, a right-to-left
name (or one carrying bidirectional controls) would reorder the punctuation, dates and
words printed after it. `person_name` removes the embedding, override and isolate
controls (see `engage.moderation.sanitise`) and wraps the escaped name in `<bdi>`, which
isolates it from the text around it. Use it in every template that prints a person's
name (`public_name`, `author_name`, `reviewer_name`), including inside
`{% blocktranslate with name=...|person_name %}`.
"""

from django import template
from django.utils.html import format_html

from engage.moderation.sanitise import strip_bidi_controls

register = template.Library()


@register.filter
def person_name(name):
    """The name, escaped and isolated in `<bdi>`; empty for no name."""
    if name is None or name == "":
        return ""
    return format_html('<bdi class="person-name">{}</bdi>', strip_bidi_controls(str(name)))
