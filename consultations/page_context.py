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
from .briefs.models import Brief
from .briefs.templatetags.briefs_tags import published_briefs_of
from .comment_section import comment_section, section_key
from .comments import requested_pages
from .engagement.models import Survey
from .models import ConsultationDocument, ConsultationPage, live_strings
from .outcome import outcome_summary
from .rules import take_part_blocker

#: How long the documents, audience, surveys, briefs and upcoming sessions of a page
#: are cached at most.
ABOUT_SECONDS = 60


def page(consultation, request, context):
    """Add what the consultation page shows to `context` (from Page.get_context).

    Its cached parts, what every reader sees alike (`about`) and the shared comment
    section (`comment_section`), come from one cache round trip after the version
    tokens; a signed-in reader's own state (reactions, own and reported comments,
    following) from one query."""
    user = request.user
    blocker = take_part_blocker(user, consultation)
    pages = requested_pages(request, consultation)
    about_cache_key = about_key(consultation, request)
    shared_key = section_key(request, consultation, can_comment=blocker is None, pages=pages)
    keys = [key for key in (about_cache_key, shared_key) if key]
    found = cache.get_many(keys) if keys else {}
    html, reader = comment_section(
        request,
        consultation,
        take_part_blocker=blocker,
        pages=pages,
        key=shared_key,
        cached=found.get(shared_key),
    )
    context.update(
        {
            **about(consultation, request, key=about_cache_key, cached=found.get(about_cache_key)),
            "take_part_blocker": blocker,
            "comment_section": html,
            "is_following": reader.following if reader else is_following(user, consultation),
            "live_strings": live_strings(),
        }
    )
    return context


def about_key(consultation, request):
    """The cache key of `about`, or None for a preview of a draft (never cached)."""
    if getattr(request, "is_preview", False) or not consultation.last_published_at:
        return None
    token = thread_cache.tokens(consultation)[thread_cache.ABOUT]
    published = consultation.last_published_at.isoformat()
    return f"consultations:about:{consultation.pk}:{published}:{token}"


_MISSING = object()


def about(consultation, request, *, key=_MISSING, cached=None):
    """The documents, audience groups, active surveys, published briefs and upcoming
    co-design sessions of a page: the same for every reader, so cached (six queries
    fewer per request). The surveys and briefs are left on the page for their template
    tags (`_active_surveys`, `_published_briefs`); the names of a brief's co-authors are
    read each time (`briefs_tags.published_briefs`), never from this cache.

    Documents and groups change when the page is published (its publication time is
    in the key); a document, survey, brief or co-design session being saved or deleted
    bumps the key (`_about_changed`); and an entry lives no longer than `ABOUT_SECONDS`,
    nor past the end of the first session listed (upcoming means "not ended yet").
    Previews of a draft read the draft itself. `key`/`cached`: read by the caller with
    other keys (`page`)."""
    if key is _MISSING:
        key = about_key(consultation, request)
        cached = cache.get(key) if key else None
    values = cached if key else None
    if values is None:
        values = _read_about(consultation)
        if key:
            seconds = ABOUT_SECONDS
            if values["codesign_sessions"]:
                first_end = min(session.ends_at for session in values["codesign_sessions"])
                seconds = min(seconds, int((first_end - timezone.now()).total_seconds()))
            if seconds > 0:
                cache.set(key, values, seconds)
    consultation._active_surveys = values["surveys"]
    consultation._published_briefs = values["briefs"]
    return {name: value for name, value in values.items() if name not in ("surveys", "briefs")}


def _read_about(consultation):
    values = {
        "affected_groups": list(consultation.affected_groups.select_related("dimension")),
        "wider_audience": list(consultation.wider_audience.select_related("dimension")),
        "codesign_sessions": list(consultation.codesign_sessions.upcoming()),
        "documents": list(consultation.documents.select_related("document")),
        "surveys": list(Survey.objects.active().for_consultation(consultation)),
        "briefs": published_briefs_of(consultation),
    }
    for item in values["documents"]:
        item.document.get_file_size()  # stored on the document once, then cached here
    return values


def _about_changed(sender, instance, **kwargs):
    consultation_id = getattr(instance, "consultation_id", None) or getattr(
        instance, "page_id", None
    )
    if consultation_id:
        thread_cache.invalidate(consultation_id, thread_cache.ABOUT)


def _brief_changed(sender, instance, update_fields=None, **kwargs):
    """A brief published, changed or deleted: its consultation's `about` (not while it is
    being written: the Yjs state alone is saved then, and shows nowhere)."""
    if update_fields is not None and set(update_fields) <= _BRIEF_DRAFTING_FIELDS:
        return
    session = type(instance).session.field.related_model
    consultation_id = (
        session.objects.filter(pk=instance.session_id)
        .values_list("consultation_id", flat=True)
        .first()
    )
    if consultation_id:
        thread_cache.invalidate(consultation_id, thread_cache.ABOUT)


_BRIEF_DRAFTING_FIELDS = {"ydoc_state", "compacted_through", "updated_at"}

for _model in (ConsultationPage.codesign_sessions.rel.related_model, ConsultationDocument, Survey):
    for _signal in (post_save, post_delete):
        _signal.connect(_about_changed, sender=_model, dispatch_uid=f"about:{_model.__name__}")
for _signal in (post_save, post_delete):
    _signal.connect(_brief_changed, sender=Brief, dispatch_uid="about:Brief")


def outcome(consultation, request):
    """You said, we did: what was asked, who took part, what was heard, what the city
    will do. 404 until the outcome is published, except for a staff preview."""
    preview = not consultation.outcome_is_public
    if preview and not rules.test_rule("consultations.preview_outcome", request.user, consultation):
        raise Http404
    context = Page.get_context(consultation, request)
    context.update({"preview": preview, "summary": outcome_summary(consultation)})
    return TemplateResponse(request, "consultations/consultation_outcome.html", context)
