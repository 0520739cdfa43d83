"""Template helpers of impact assessments.

On a consultation page: `{% load impact_tags %}{% impact_summaries page %}` lists its
published assessments (nothing when there is none).
"""

from django import template
from django.utils.translation import gettext as _

from ..models import ImpactAssessment
from ..models.assessments import IMPACT_CHOICES

register = template.Library()
LABELS = dict(IMPACT_CHOICES)


@register.filter
def impact_label(value):
    """The words for an expected impact (-2…+2), or "unknown"."""
    if value is None or value == "":
        return _("unknown")
    return LABELS.get(int(value), _("unknown"))


@register.inclusion_tag("impact/includes/published_summaries.html")
def impact_summaries(page):
    scope = f"consultation:{page.pk}"
    return {"assessments": list(ImpactAssessment.objects.for_subject(scope).published())}
