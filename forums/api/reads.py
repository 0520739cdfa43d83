"""Public reads: forums, threads, posts, fact-checks and the myths and facts library,
following the same rules as the pages (`forums.view_*`)."""

import rules
from ninja import Query

from engage.apikit import MAX_PAGE, ErrorOut, page_of

from ..library import LibraryFilters, library_claims
from ..models import ForumPage, Post, Thread, ThreadKind
from .common import activate_language, forum_or_404, router, thread_or_404
from .schemas import (
    ClaimPageOut,
    FactCheckOut,
    ForumOut,
    PostPageOut,
    ThreadOut,
    ThreadPageOut,
    fact_check_out,
    forum_out,
    post_out,
    thread_out,
)


@router.get(
    "/",
    response={200: list[ForumOut], 400: ErrorOut},
    summary="Published forums",
    operation_id="forums_api_list_forums",
)
def list_forums(request, lang: str | None = None):
    """Every published forum with its topics, in the answer's language."""
    activate_language(request, lang)
    forums = ForumPage.objects.live().public().order_by("path").prefetch_related("topics")
    return [forum_out(request, forum) for forum in forums]


@router.get(
    "/{int:forum_id}",
    response={200: ForumOut, 404: ErrorOut},
    summary="One forum",
    operation_id="forums_api_get_forum",
)
def get_forum(request, forum_id: int, lang: str | None = None):
    activate_language(request, lang)
    return forum_out(request, forum_or_404(request, forum_id))


@router.get(
    "/{int:forum_id}/threads",
    response={200: ThreadPageOut, 404: ErrorOut},
    summary="Threads in a forum",
    operation_id="forums_api_list_threads",
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
    forum = forum_or_404(request, forum_id)
    threads = Thread.objects.visible_to(request.user).filter(forum=forum)
    if kind:
        threads = threads.filter(kind=kind)
    if topic:
        threads = threads.filter(topic__slug=topic)
    items, count = page_of(threads.for_listing(request.user).pinned_first(), page, page_size)
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "items": [thread_out(request, thread) for thread in items],
    }


@router.get(
    "/threads/{int:thread_id}",
    response={200: ThreadOut, 404: ErrorOut},
    summary="One thread",
    operation_id="forums_api_get_thread",
)
def get_thread(request, thread_id: int):
    return thread_out(request, thread_or_404(request, thread_id))


@router.get(
    "/threads/{int:thread_id}/posts",
    response={200: PostPageOut, 404: ErrorOut},
    summary="Posts in a thread",
    operation_id="forums_api_list_posts",
)
def list_posts(
    request,
    thread_id: int,
    page: int = Query(1, ge=1, le=MAX_PAGE),
    page_size: int = Query(50, ge=1, le=200),
):
    """Posts the caller may see, oldest first."""
    thread = thread_or_404(request, thread_id)
    posts = Post.objects.visible_to(request.user).filter(thread=thread).select_related("author")
    items, count = page_of(posts.in_order(), page, page_size)
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
    operation_id="forums_api_list_fact_checks",
)
def list_fact_checks(request, thread_id: int):
    """Published fact-checks (their published revision). Fact-checkers and moderators
    also get the ones awaiting a second reviewer (their newest revision)."""
    thread = thread_or_404(request, thread_id)
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


@router.get(
    "/claims",
    response={200: ClaimPageOut, 404: ErrorOut},
    summary="The myths and facts library",
    operation_id="forums_api_list_claims",
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
    forum_page = forum_or_404(request, forum) if forum is not None else None
    filters = LibraryFilters.from_query(
        {"q": q, "topic": topic, "verdict": verdict, "language": language, "sort": sort},
        forum=forum_page,
    )
    items, count = page_of(library_claims(request.user, filters), page, page_size)
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "items": [thread_out(request, thread) for thread in items],
    }
