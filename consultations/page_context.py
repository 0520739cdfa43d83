"""What a consultation page shows: its context and its outcome subpage.

The page reads comments, the take-part rules, following and the outcome summary, and
all of those import `consultations.models`; so `ConsultationPage` does not import them
itself: `ConsultationsConfig.ready()` plugs this module in as `ConsultationPage.page_context`
(no import cycle between the models and the modules built on them).
"""

import rules
from django.http import Http404
from django.template.response import TemplateResponse
from wagtail.models import Page

from consultations.following.services import is_following

from .comments import comment_section
from .models import live_strings
from .outcome import outcome_summary
from .rules import take_part_blocker


def page(consultation, request, context):
    """Add what the consultation page shows to `context` (from Page.get_context)."""
    blocker = take_part_blocker(request.user, consultation)
    context.update(
        {
            "affected_groups": consultation.affected_groups.select_related("dimension"),
            "wider_audience": consultation.wider_audience.select_related("dimension"),
            "take_part_blocker": blocker,
            "codesign_sessions": consultation.codesign_sessions.upcoming(),
            "documents": consultation.documents.select_related("document"),
            "comment_section": comment_section(request, consultation, take_part_blocker=blocker),
            "is_following": is_following(request.user, consultation),
            "live_strings": live_strings(),
        }
    )
    return context


def outcome(consultation, request):
    """You said, we did: what was asked, who took part, what was heard, what the city
    will do. 404 until the outcome is published, except for a staff preview."""
    preview = not consultation.outcome_is_public
    if preview and not rules.test_rule("consultations.preview_outcome", request.user, consultation):
        raise Http404
    context = Page.get_context(consultation, request)
    context.update({"preview": preview, "summary": outcome_summary(consultation)})
    return TemplateResponse(request, "consultations/consultation_outcome.html", context)
