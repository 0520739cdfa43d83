"""What a consultation page shows: its context and its outcome subpage.

The page reads comments, the take-part rules, following and the outcome summary, and
all of those import `consultations.models`; so `ConsultationPage` does not import them
itself: `ConsultationsConfig.ready()` plugs this module in as `ConsultationPage.page_context`
(no import cycle between the models and the modules built on them).
"""

import rules
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.models import Page

from consultations.following.services import is_following

from . import thread_cache
from .comments import comment_section
from .models import ConsultationDocument, ConsultationPage, live_strings
from .outcome import outcome_summary
from .rules import take_part_blocker

#: How long the documents, audience and upcoming sessions of a page are cached at most.
ABOUT_SECONDS = 60


def page(consultation, request, context):
    """Add what the consultation page shows to `context` (from Page.get_context)."""
    blocker = take_part_blocker(request.user, consultation)
    context.update(
        {
            **about(consultation, request),
            "take_part_blocker": blocker,
            "comment_section": comment_section(request, consultation, take_part_blocker=blocker),
            "is_following": is_following(request.user, consultation),
            "live_strings": live_strings(),
        }
    )
    return context


def about(consultation, request):
    """The documents, audience groups and upcoming co-design sessions of a page: the
    same for every reader, so cached (four queries fewer per request).

    Documents and groups change when the page is published (its publication time is
    in the key); a document or a co-design session being saved or deleted bumps the
    key (`_about_changed`); and an entry lives no longer than `ABOUT_SECONDS`, nor past
    the end of the first session listed (upcoming means "not ended yet"). Previews of a
    draft read the draft itself."""
    preview = getattr(request, "is_preview", False)
    key = None
    if not preview and consultation.last_published_at:
        token = thread_cache.tokens(consultation)[thread_cache.ABOUT]
        published = consultation.last_published_at.isoformat()
        key = f"consultations:about:{consultation.pk}:{published}:{token}"
        cached = cache.get(key)
        if cached is not None:
            return cached
    values = {
        "affected_groups": list(consultation.affected_groups.select_related("dimension")),
        "wider_audience": list(consultation.wider_audience.select_related("dimension")),
        "codesign_sessions": list(consultation.codesign_sessions.upcoming()),
        "documents": list(consultation.documents.select_related("document")),
    }
    for item in values["documents"]:
        item.document.get_file_size()  # stored on the document once, then cached here
    if key:
        seconds = ABOUT_SECONDS
        if values["codesign_sessions"]:
            first_end = min(session.ends_at for session in values["codesign_sessions"])
            seconds = min(seconds, int((first_end - timezone.now()).total_seconds()))
        if seconds > 0:
            cache.set(key, values, seconds)
    return values


def _about_changed(sender, instance, **kwargs):
    consultation_id = getattr(instance, "consultation_id", None) or getattr(
        instance, "page_id", None
    )
    if consultation_id:
        thread_cache.invalidate(consultation_id, thread_cache.ABOUT)


for _model in (ConsultationPage.codesign_sessions.rel.related_model, ConsultationDocument):
    for _signal in (post_save, post_delete):
        _signal.connect(_about_changed, sender=_model, dispatch_uid=f"about:{_model.__name__}")


def outcome(consultation, request):
    """You said, we did: what was asked, who took part, what was heard, what the city
    will do. 404 until the outcome is published, except for a staff preview."""
    preview = not consultation.outcome_is_public
    if preview and not rules.test_rule("consultations.preview_outcome", request.user, consultation):
        raise Http404
    context = Page.get_context(consultation, request)
    context.update({"preview": preview, "summary": outcome_summary(consultation)})
    return TemplateResponse(request, "consultations/consultation_outcome.html", context)
