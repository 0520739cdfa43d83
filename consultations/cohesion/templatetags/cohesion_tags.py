"""The cohesion section on a consultation page, in plain words.

`{% load cohesion_tags %}{% cohesion_section page %}` shows the residents' summary, the
groups considered, the published impact assessments with their displacement warnings,
and how many early-warning alerts were weighed. Nothing when the consultation has no
complete section. The same for every reader (the consultation article is cached)."""

import logging

from django import template

from engage.impact.grid import grid

from ..models import CohesionSection
from ..services import is_complete

logger = logging.getLogger(__name__)
register = template.Library()


def _published_assessments(section):
    from ..services import assessments_of

    found = []
    for assessment in assessments_of(section).published():
        try:
            _rows, warnings, _subject = grid(assessment)
        except Exception:  # the section still shows without the warnings
            logger.exception(
                "cohesion: could not read the warnings of assessment %s", assessment.pk
            )
            warnings = []
        found.append((assessment, warnings))
    return found


@register.inclusion_tag("cohesion/includes/resident_section.html")
def cohesion_section(page):
    section = (
        CohesionSection.objects.filter(consultation_id=getattr(page, "pk", None))
        .prefetch_related("groups__dimension")
        .first()
    )
    if not is_complete(section):
        return {"section": None}
    return {
        "section": section,
        "groups": list(section.groups.all()),
        "assessments": _published_assessments(section),
        "alert_count": section.alerts.count(),
    }
