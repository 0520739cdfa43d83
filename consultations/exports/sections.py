"""The sections of a consultation's "what we heard" summary page: a small registry.

Any app adds a section with the Wagtail hook `register_consultation_summary_section`,
returning a `SummarySection` (or a list of them):

    from wagtail import hooks
    from consultations.exports.sections import SUMMARY_SECTION_HOOK, SummarySection

    @hooks.register(SUMMARY_SECTION_HOOK)
    def sentiment_section():
        return SummarySection(
            name="sentiment",
            title=_("Sentiment"),
            template="insights/summary/sentiment.html",
            get_context=lambda request, consultation: {"trend": ...},
            order=450,
        )

`get_context(request, consultation)` returns the template's context, or None to leave
the section out (no data, or not for this viewer). `is_shown(user, consultation)` may
hide it from some viewers; everyone who reaches the page may already view the summary
(rule "exports.view_summary"). Each template receives its context plus `section` and
`consultation`, and should start with an <h2 id="{{ section.anchor }}">. The built-in
sections (overview 100, proposals 200, surveys 300, comments over time 400,
moderation 500, representation 600) are registered in `wagtail_hooks.py`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail import hooks

SUMMARY_SECTION_HOOK = "register_consultation_summary_section"


def _always(user, consultation):
    return True


@dataclass
class SummarySection:
    name: str
    title: str
    template: str
    get_context: Callable
    order: int = 1000
    is_shown: Callable = _always

    @property
    def anchor(self):
        return f"summary-{self.name}"


def registered_sections():
    """Every registered section, in order."""
    sections = []
    for hook in hooks.get_hooks(SUMMARY_SECTION_HOOK):
        result = hook()
        sections.extend(result if isinstance(result, list | tuple) else [result])
    return sorted(sections, key=lambda section: (section.order, section.name))


def render_sections(request, consultation, base_context=None):
    """[(section, html)] for the sections this viewer sees, in order."""
    rendered = []
    for section in registered_sections():
        if not section.is_shown(request.user, consultation):
            continue
        context = section.get_context(request, consultation)
        if context is None:
            continue
        html = render_to_string(
            section.template,
            {**(base_context or {}), **context, "section": section, "consultation": consultation},
            request=request,
        )
        rendered.append((section, mark_safe(html)))  # noqa: S308 - rendered by a template
    return rendered
