"""The shapes of the forums' API: what it answers (`…Out`, with the functions that
build them) and what it takes (`…In`)."""

import datetime
import uuid

from ninja import Field, Schema

from ..models import ThreadKind, Verdict


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


class ClaimPageOut(Paged):
    items: list[ThreadOut]


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


class PostIn(Schema):
    text: str
    language: str | None = None
    follow_up_to: int | None = Field(None, description="A published fact-check of this claim.")
    accept_guidelines: bool = False
    token: uuid.UUID | None = Field(None, description="Idempotency key: the same token, one post.")


class SourceIn(Schema):
    title: str
    url: str


class FactCheckIn(Schema):
    verdict: Verdict
    explanation: str
    sources: list[SourceIn]
    language: str | None = None
