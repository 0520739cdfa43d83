"""Forums in the API: /api/v1/forums/ (mounted in engage.api).

Reads are public and follow the same rules as the pages (`forums.view_*`): published
forums, published threads, posts and fact-checks. Writes go through `forums.services`,
so they validate, rate-limit and record participation exactly as the site does:

- verified residents start threads and post replies;
- community leaders, city staff and partner members write fact-checks, and a second
  one of them publishes each (`POST /forums/fact-checks/{id}/publish`).

Refusals are JSON `{"detail": "…", "code": "…"}`: 400 for bad input, 403 when the caller
may not do it, 404 for what they may not see, 429 (with Retry-After) when posting too fast.
"""

import datetime
import uuid

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from engage.apikit import (
    MAX_PAGE,
    PUBLIC_READ,
    SIGNED_IN,
    ErrorOut,
    json_response,
    request_language,
)
from engage.ratelimit import RateLimited, client_address

from . import services
from .library import LibraryFilters, library_claims
from .models import FactCheck, ForumPage, Post, Thread, ThreadKind, Topic, Verdict

router = Router(tags=["forums"], auth=PUBLIC_READ)

# Refusals that mean "you may not", not "your input is wrong".
FORBIDDEN_CODES = frozenset(
    {
        "log_in",
        "verify_email",
        "not_published",
        "locked",
        "suspended",
        "banned",
        "not_fact_checker",
        "same_reviewer",
        "cannot_review",
        "cannot_mark",
    }
)


class ServiceErrorOut(Schema):
    detail: str
    code: str = ""


def service_error(request, error):
    code = getattr(error, "code", "") or ""
    status = 403 if code in FORBIDDEN_CODES else 400
    return json_response(request, {"detail": str(error.messages[0]), "code": code}, status)


def rate_limited(request, error):
    response = json_response(request, {"detail": str(error.message), "code": "rate_limited"}, 429)
    response["Retry-After"] = str(error.retry_after)
    return response


def _language(request, lang):
    language = request_language(request, lang)
    translation.activate(language)
    return language


class ForumOut(Schema):
    id: int
    title: str
    url: str | None
    topics: list[dict] = Field(description="`{slug, name}` of each topic.")


def forum_out(request, forum):
    url = forum.get_url(request=request)
    return {
        "id": forum.pk,
        "title": forum.title,
        "url": request.build_absolute_uri(url) if url else None,
        "topics": [{"slug": topic.slug, "name": topic.name} for topic in forum.topics.all()],
    }


class FactCheckOut(Schema):
    id: int
    claim_id: int
    verdict: Verdict
    verdict_label: str
    explanation_html: str
    sources: list[dict]
    language: str
    author: str
    reviewer: str | None
    published_at: datetime.datetime | None
    revision: int
    awaiting_review: bool


def fact_check_out(fact_check, revision):
    return {
        "id": fact_check.pk,
        "claim_id": fact_check.thread_id,
        "verdict": revision.verdict,
        "verdict_label": str(Verdict(revision.verdict).label),
        "explanation_html": revision.body_html,
        "sources": revision.sources,
        "language": fact_check.language,
        "author": str(revision.author_name),
        "reviewer": str(revision.reviewer_name) or None,
        "published_at": revision.published_at,
        "revision": revision.number,
        "awaiting_review": fact_check.is_awaiting_review,
    }


class ThreadOut(Schema):
    id: int
    forum_id: int
    kind: ThreadKind
    title: str
    heard_where: str
    topic: str | None
    author: str
    body_html: str
    language: str
    status: str
    created_at: datetime.datetime
    is_locked: bool
    is_pinned: bool
    slow_mode_minutes: int
    verdict: str = Field(description="The newest published verdict; empty when none.")
    url: str


def thread_out(request, thread):
    return {
        "id": thread.pk,
        "forum_id": thread.forum_id,
        "kind": thread.kind,
        "title": thread.title,
        "heard_where": thread.heard_where,
        "topic": thread.topic.slug if thread.topic else None,
        "author": str(thread.author_name),
        "body_html": thread.body_html,
        "language": thread.language,
        "status": thread.status,
        "created_at": thread.created_at,
        "is_locked": thread.is_locked,
        "is_pinned": thread.is_pinned,
        "slow_mode_minutes": thread.slow_mode_minutes,
        "verdict": thread.verdict,
        "url": request.build_absolute_uri(thread.get_absolute_url()),
    }


class PostOut(Schema):
    id: int
    thread_id: int
    author: str
    body_html: str
    language: str
    status: str
    created_at: datetime.datetime
    edited: bool
    follow_up_to: int | None
    duplicate: bool = Field(False, description="True when this post had already been made.")


def post_out(post):
    return {
        "id": post.pk,
        "thread_id": post.thread_id,
        "author": str(post.author_name),
        "body_html": post.body_html,
        "language": post.language,
        "status": post.status,
        "created_at": post.created_at,
        "edited": post.edited_at is not None,
        "follow_up_to": post.follow_up_to_id,
        "duplicate": getattr(post, "was_duplicate", False),
    }


class Paged(Schema):
    count: int
    page: int
    page_size: int


class ThreadPageOut(Paged):
    items: list[ThreadOut]


class PostPageOut(Paged):
    items: list[PostOut]


def _page(queryset, page, page_size):
    offset = (page - 1) * page_size
    return list(queryset[offset : offset + page_size]), queryset.count()


def _forum(request, forum_id):
    forum = ForumPage.objects.filter(pk=forum_id).first()
    if forum is None or not rules.test_rule("forums.view_forum", request.user, forum):
        raise Http404(_("There is no published forum with this number."))
    return forum


def _thread(request, thread_id):
    thread = Thread.objects.select_related("forum", "author", "topic").filter(pk=thread_id).first()
    if thread is None or not rules.test_rule("forums.view_thread", request.user, thread):
        raise Http404(_("There is no published thread with this number."))
    return thread


# --- reads ---------------------------------------------------------------------------


@router.get("/", response={200: list[ForumOut], 400: ErrorOut}, summary="Published forums")
def list_forums(request, lang: str | None = None):
    """Every published forum with its topics, in the answer's language."""
    _language(request, lang)
    forums = ForumPage.objects.live().public().order_by("path").prefetch_related("topics")
    return [forum_out(request, forum) for forum in forums]


@router.get("/{int:forum_id}", response={200: ForumOut, 404: ErrorOut}, summary="One forum")
def get_forum(request, forum_id: int, lang: str | None = None):
    _language(request, lang)
    return forum_out(request, _forum(request, forum_id))


@router.get(
    "/{int:forum_id}/threads",
    response={200: ThreadPageOut, 404: ErrorOut},
    summary="Threads in a forum",
)
def list_threads(
    request,
    forum_id: int,
    kind: ThreadKind | None = None,
    topic: str | None = None,
    page: int = Query(1, ge=1, le=MAX_PAGE),
    page_size: int = Query(20, ge=1, le=100),
):
    """Threads the caller may see, pinned first, then by latest activity."""
    forum = _forum(request, forum_id)
    threads = Thread.objects.visible_to(request.user).filter(forum=forum)
    if kind:
        threads = threads.filter(kind=kind)
    if topic:
        threads = threads.filter(topic__slug=topic)
    items, count = _page(threads.for_listing(request.user).pinned_first(), page, page_size)
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "items": [thread_out(request, thread) for thread in items],
    }


@router.get(
    "/threads/{int:thread_id}", response={200: ThreadOut, 404: ErrorOut}, summary="One thread"
)
def get_thread(request, thread_id: int):
    return thread_out(request, _thread(request, thread_id))


@router.get(
    "/threads/{int:thread_id}/posts",
    response={200: PostPageOut, 404: ErrorOut},
    summary="Posts in a thread",
)
def list_posts(
    request,
    thread_id: int,
    page: int = Query(1, ge=1, le=MAX_PAGE),
    page_size: int = Query(50, ge=1, le=200),
):
    """Posts the caller may see, oldest first."""
    thread = _thread(request, thread_id)
    posts = Post.objects.visible_to(request.user).filter(thread=thread).select_related("author")
    items, count = _page(posts.in_order(), page, page_size)
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "items": [post_out(p) for p in items],
    }


@router.get(
    "/threads/{int:thread_id}/fact-checks",
    response={200: list[FactCheckOut], 404: ErrorOut},
    summary="Fact-checks of a claim",
)
def list_fact_checks(request, thread_id: int):
    """Published fact-checks (their published revision). Fact-checkers and moderators
    also get the ones awaiting a second reviewer (their newest revision)."""
    thread = _thread(request, thread_id)
    items = [
        fact_check_out(fact_check, fact_check.published_revision)
        for fact_check in thread.published_fact_checks()
    ]
    if rules.test_rule("forums.view_fact_check_drafts", request.user):
        drafts = thread.fact_checks.awaiting_review().select_related(
            "latest_revision", "latest_revision__author"
        )
        items += [fact_check_out(fc, fc.latest_revision) for fc in drafts]
    return items


class ClaimPageOut(Paged):
    items: list[ThreadOut]


@router.get(
    "/claims",
    response={200: ClaimPageOut, 404: ErrorOut},
    summary="The myths and facts library",
)
def list_claims(
    request,
    forum: int | None = None,
    q: str = "",
    topic: str = "",
    verdict: str = "",
    language: str = "",
    sort: str = "newest",
    page: int = Query(1, ge=1, le=MAX_PAGE),
    page_size: int = Query(20, ge=1, le=100),
):
    """Published claims city-wide (or in `forum`), searchable, filterable by topic,
    verdict (or `unchecked`) and language; `sort=newest|helpful`."""
    forum_page = _forum(request, forum) if forum is not None else None
    filters = LibraryFilters.from_query(
        {"q": q, "topic": topic, "verdict": verdict, "language": language, "sort": sort},
        forum=forum_page,
    )
    items, count = _page(library_claims(request.user, filters), page, page_size)
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "items": [thread_out(request, thread) for thread in items],
    }


# --- writes --------------------------------------------------------------------------


class ThreadIn(Schema):
    title: str
    text: str
    kind: ThreadKind = ThreadKind.DISCUSSION
    language: str | None = None
    topic: str | None = Field(None, description="A topic slug of this forum.")
    heard_where: str = ""
    accept_guidelines: bool = Field(
        False, description="Needed once per forum that has posting guidelines."
    )
    token: uuid.UUID | None = Field(
        None, description="Idempotency key: the same token, one thread."
    )


@router.post(
    "/{int:forum_id}/threads",
    auth=SIGNED_IN,
    response={
        201: ThreadOut,
        200: ThreadOut,
        400: ServiceErrorOut,
        403: ServiceErrorOut,
        404: ErrorOut,
        429: ServiceErrorOut,
    },
    summary="Start a thread or raise a claim",
)
def create_thread(request, forum_id: int, data: ThreadIn):
    forum = _forum(request, forum_id)
    topic = None
    if data.topic:
        topic = Topic.objects.filter(forum=forum, slug=data.topic).first()
        if topic is None:
            return service_error(
                request,
                ValidationError(
                    _(
                        "That topic belongs to another forum. Please choose one of this forum's topics."
                    ),
                    code="wrong_topic",
                ),
            )
    try:
        thread = services.start_thread(
            request.user,
            forum,
            title=data.title,
            text=data.text,
            language=data.language,
            kind=data.kind,
            topic=topic,
            heard_where=data.heard_where,
            accept_guidelines=data.accept_guidelines,
            token=data.token,
            address=client_address(request),
        )
    except ValidationError as error:
        return service_error(request, error)
    except RateLimited as error:
        return rate_limited(request, error)
    return Status(200 if thread.was_duplicate else 201, thread_out(request, thread))


class PostIn(Schema):
    text: str
    language: str | None = None
    follow_up_to: int | None = Field(None, description="A published fact-check of this claim.")
    accept_guidelines: bool = False
    token: uuid.UUID | None = Field(None, description="Idempotency key: the same token, one post.")


@router.post(
    "/threads/{int:thread_id}/posts",
    auth=SIGNED_IN,
    response={
        201: PostOut,
        200: PostOut,
        400: ServiceErrorOut,
        403: ServiceErrorOut,
        404: ErrorOut,
        429: ServiceErrorOut,
    },
    summary="Reply in a thread",
)
def create_post(request, thread_id: int, data: PostIn):
    """201 with the new post; 200 with the existing one when it was sent twice."""
    thread = _thread(request, thread_id)
    follow_up_to = None
    if data.follow_up_to is not None:
        follow_up_to = FactCheck.objects.filter(pk=data.follow_up_to, thread=thread).first()
        if follow_up_to is None:
            return service_error(
                request,
                ValidationError(
                    _("You can only ask a follow-up about a published fact-check in this thread."),
                    code="wrong_fact_check",
                ),
            )
    try:
        post = services.post_reply(
            request.user,
            thread,
            data.text,
            language=data.language,
            follow_up_to=follow_up_to,
            accept_guidelines=data.accept_guidelines,
            token=data.token,
            address=client_address(request),
        )
    except ValidationError as error:
        return service_error(request, error)
    except RateLimited as error:
        return rate_limited(request, error)
    return Status(200 if post.was_duplicate else 201, post_out(post))


class SourceIn(Schema):
    title: str
    url: str


class FactCheckIn(Schema):
    verdict: Verdict
    explanation: str
    sources: list[SourceIn]
    language: str | None = None


@router.post(
    "/threads/{int:thread_id}/fact-checks",
    auth=SIGNED_IN,
    response={201: FactCheckOut, 400: ServiceErrorOut, 403: ServiceErrorOut, 404: ErrorOut},
    summary="Write a fact-check (leaders, staff, partners)",
)
def create_fact_check(request, thread_id: int, data: FactCheckIn):
    """Saved awaiting a second reviewer; the public does not see it until published."""
    thread = _thread(request, thread_id)
    try:
        fact_check = services.write_fact_check(
            request.user,
            thread,
            verdict=data.verdict,
            text=data.explanation,
            sources=[source.dict() for source in data.sources],
            language=data.language,
        )
    except ValidationError as error:
        return service_error(request, error)
    return Status(201, fact_check_out(fact_check, fact_check.latest_revision))


@router.post(
    "/fact-checks/{int:fact_check_id}/publish",
    auth=SIGNED_IN,
    response={200: FactCheckOut, 400: ServiceErrorOut, 403: ServiceErrorOut, 404: ErrorOut},
    summary="Publish a fact-check as its second reviewer",
)
def publish_fact_check(request, fact_check_id: int):
    fact_check = (
        FactCheck.objects.select_related("thread", "thread__forum", "latest_revision")
        .filter(pk=fact_check_id)
        .first()
    )
    if fact_check is None or not rules.test_rule(
        "forums.view_thread", request.user, fact_check.thread
    ):
        raise Http404(_("There is no fact-check with this number."))
    if not rules.test_rule("forums.view_fact_check_drafts", request.user):
        raise PermissionDenied
    try:
        fact_check = services.publish_fact_check(request.user, fact_check)
    except ValidationError as error:
        return service_error(request, error)
    return fact_check_out(fact_check, fact_check.published_revision)
