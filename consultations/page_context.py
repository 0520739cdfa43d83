"""What a consultation page shows: its context and its outcome subpage.

The page reads comments, the take-part rules, following and the outcome summary, and
all of those import `consultations.models`; so `ConsultationPage` does not import them
itself: `ConsultationsConfig.ready()` plugs this module in as `ConsultationPage.page_context`
(no import cycle between the models and the modules built on them).
"""

import datetime

import rules
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.template.loader import get_template, render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from wagtail.models import Page

from consultations.following.services import is_following
from engage.accounts.rules import is_moderator

from . import thread_cache
from .briefs.models import Brief
from .briefs.templatetags.briefs_tags import published_briefs_of
from .card_keys import card_template_version
from .comment_section import Section, own_parts, reader_state, threads_html
from .comments import (
    CSRF_PLACEHOLDER,
    MARK,
    MARK_CLOSE,
    PlaceholderRequest,
    fill_placeholders,
    requested_pages,
    shared_reader,
)
from .engagement.models import Survey
from .models import ConsultationDocument, ConsultationPage, live_strings
from .outcome import outcome_summary
from .rules import take_part_blocker

#: How long the documents, audience, surveys, briefs and upcoming sessions of a page
#: are cached at most.
ABOUT_SECONDS = 60
ARTICLE_TEMPLATE = "consultations/includes/consultation_article.html"
FOLLOW_TEMPLATE = "following/follow_button.html"
BRIEFS_TEMPLATE = "briefs/includes/published_briefs.html"
FOLLOW, BRIEFS = ("f", 0), ("b", 0)
#: What `about` gives the article template (surveys and briefs reach it through their
#: template tags).
ABOUT_NAMES = ("affected_groups", "wider_audience", "codesign_sessions", "documents")


def page(consultation, request, context):
    """Add the consultation page's article to `context` (from Page.get_context).

    The article (header, take-part box, body, documents, briefs, surveys, comment
    section, audience, sessions) is rendered once for all readers who see it alike,
    as nobody in particular (`comment_section`), and cached under the consultation's
    version tokens, its publication time, its status, the reader's may-take-part answer,
    language, time zone, path and page numbers. A signed-in reader's own state (their
    reactions, their own and reported comments, following) is read in one query and
    laid over it (`comment_section.reader_state`); the published briefs are rendered
    at each request (their co-authors' names are never cached). Moderators, previews
    and a reader with a first-level comment awaiting moderation get an article of
    their own, never cached. A cache outage is a miss."""
    user = request.user
    blocker = take_part_blocker(user, consultation)
    pages = requested_pages(request, consultation)
    keys = {"about": about_key(consultation, request)}
    keys["article"] = article_key(request, consultation, blocker, pages)
    found = cache.get_many([key for key in keys.values() if key])
    loaded = {}

    def about_values():
        if not loaded:
            loaded.update(
                about(consultation, request, key=keys["about"], cached=found.get(keys["about"]))
            )
        return loaded

    article, state = None, None
    if keys["article"]:
        article = Section.from_cache(found.get(keys["article"]))
        if article is None:
            article = _render_article(request, consultation, blocker, pages, about_values())
            seconds = min(
                thread_cache.SECTION_SECONDS,
                int((about_values()["expires_at"] - timezone.now()).total_seconds()),
            )
            if seconds > 0:
                thread_cache.set_section(keys["article"], article.to_cache(), seconds)
        if user.is_authenticated:
            state = reader_state(user, consultation, article.shown_comments())
            if state.pending:
                article = None  # a comment only they see: an article of their own
    own = {}
    if article is None:
        following = state.following if state else is_following(user, consultation)
        article = _render_article(
            request, consultation, blocker, pages, about_values(), own=True, following=following
        )
    elif state is not None:
        own = own_parts(request, consultation, article, state, blocker)
        if state.following:
            own[FOLLOW] = _follow_button(request, consultation, following=True)
    if (article.part(*BRIEFS) or "").strip():
        own[BRIEFS] = _briefs(consultation, about_values())
    context.update(
        {
            "take_part_blocker": blocker,
            "article": fill_placeholders(request, article.join(own)),
        }
    )
    return context


def article_key(request, consultation, blocker, pages):
    """The cache key of the article `request`'s reader shares with others, or None when
    theirs is their own (a preview, a moderator)."""
    user = request.user
    if getattr(request, "is_preview", False) or is_moderator(user):
        return None
    tokens = thread_cache.tokens(consultation)
    return thread_cache.section_key(
        consultation,
        (tokens[thread_cache.COMMENTS], tokens[thread_cache.REACTIONS]),
        (
            tokens[thread_cache.ABOUT],
            user.is_authenticated,
            blocker,
            consultation.status,
            request.path,
            translation.get_language(),
            timezone.get_current_timezone_name(),
            card_template_version(),
            sorted(pages.items()),
        ),
    )


def _render_article(request, consultation, blocker, pages, values, own=False, following=False):
    """The article as a `Section`: shared (marks kept for each reader's own parts) or,
    with `own`, for the reader alone."""
    section, counts = threads_html(
        request, consultation, take_part_blocker=blocker, pages=pages, shared=not own
    )
    user = request.user if own else shared_reader(request.user)
    html = get_template(ARTICLE_TEMPLATE).render(
        {
            **{name: values[name] for name in ABOUT_NAMES},
            "page": consultation,
            "self": consultation,
            "take_part_blocker": blocker,
            "comment_section": section,
            "is_following": following,
            "live_strings": live_strings(),
            "request": PlaceholderRequest(request, user),
            "csrf_token": CSRF_PLACEHOLDER,
            "follow_mark": _mark(FOLLOW),
            "briefs_mark": _mark(BRIEFS),
            "mark_close": MARK_CLOSE,
        }
    )
    return Section.split(html, counts)


def _mark(part):
    return mark_safe(f"{MARK}[{part[0]}{part[1]}{MARK}")  # noqa: S308 - plain ASCII


def _follow_button(request, consultation, *, following):
    return render_to_string(
        FOLLOW_TEMPLATE,
        {
            "page": consultation,
            "is_following": following,
            "request": PlaceholderRequest(request),
            "csrf_token": CSRF_PLACEHOLDER,
        },
    )


def _briefs(consultation, values):
    """The published briefs, rendered at each request: their co-authors' names are read
    live (one query, only when there are briefs)."""
    consultation._published_briefs = values["briefs"]
    return render_to_string(BRIEFS_TEMPLATE, {"consultation": consultation})


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
    fewer per request), with "expires_at", until when they may be kept (the article
    built from them lives no longer). The surveys and
    briefs are left on the page for their template tags (`_active_surveys`,
    `_published_briefs`); the names of a brief's co-authors are read each time
    (`briefs_tags.published_briefs`), never from this cache.

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
    if not isinstance(values, dict) or "expires_at" not in values:  # a miss, or older entries
        values = _read_about(consultation)
        seconds = ABOUT_SECONDS
        if values["codesign_sessions"]:
            first_end = min(session.ends_at for session in values["codesign_sessions"])
            seconds = min(seconds, int((first_end - timezone.now()).total_seconds()))
        values["expires_at"] = timezone.now() + datetime.timedelta(seconds=seconds)
        if key and seconds > 0:
            cache.set(key, values, seconds)
    consultation._active_surveys = values["surveys"]
    consultation._published_briefs = values["briefs"]
    return values


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
