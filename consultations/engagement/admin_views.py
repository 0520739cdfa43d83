"""Wagtail admin action: add the perceived-impact questions to a survey
(`perceived_impact.add_perceived_impact_questions`). Staff who may change surveys see
"Add the perceived-impact questions" in each survey's "More" menu; GET shows what will
be added, POST adds it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .models import Survey
from .perceived_impact import (
    QUESTIONS,
    SCALE,
    add_perceived_impact_questions,
    has_perceived_impact_questions,
)

ADMIN_NAMESPACE = "engagement_admin"
CHANGE_SURVEY = "engagement.change_survey"


def may_add_perceived_impact(user):
    """Staff who may change surveys may add the pair."""
    return user.is_active and user.has_perm(CHANGE_SURVEY)


@require_http_methods(["GET", "POST"])
def add_perceived_impact(request, pk):
    if not may_add_perceived_impact(request.user):
        raise PermissionDenied
    survey = get_object_or_404(Survey.objects.select_related("consultation"), pk=pk)
    already = has_perceived_impact_questions(survey.consultation_id)
    if request.method == "POST":
        if add_perceived_impact_questions(survey):
            messages.success(
                request,
                _("The perceived-impact questions were added to “%(survey)s”.")
                % {"survey": survey.title},
            )
        else:
            messages.warning(
                request,
                _(
                    "This consultation already asks the perceived-impact questions, so "
                    "nothing was added. Residents answer them once per consultation."
                ),
            )
        return redirect("wagtailsnippets_engagement_survey:edit", survey.pk)
    return TemplateResponse(
        request,
        "engagement/admin/add_perceived_impact.html",
        {
            "survey": survey,
            "already": already,
            "questions": [kind.label for kind in QUESTIONS],
            "scale": [label for _value, label in SCALE],
        },
    )
