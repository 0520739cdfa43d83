"""Myth-busting forums (key action 2).

A `ForumIndexPage` lists the forums; a `ForumPage` is one moderated forum with an
introduction, posting guidelines and topics. Residents start `Thread`s in a forum: a
discussion, or a claim ("I heard that…", with where it was heard). Everyone replies with
`Post`s. Community leaders, city staff and partner members answer claims with
`FactCheck`s: a verdict, an explanation and sources. Every change to a fact-check is a
`FactCheckRevision`; a revision is shown to the public only once a second reviewer (not
its author) has published it.

Threads, posts and fact-checks are resident content: they carry a moderation `status`
(`engage.moderation.content.ContentStatus`), an `author`, `body_text` (what was typed)
and `body_html` (`sanitise(body_text)`, the only form ever shown), the `language` it was
written in and `created_at`. Write through `forums.services`.

One module per concern, every model importable from `forums.models`:

    pages        ForumIndexPage, ForumPage, Topic, GuidelinesAcceptance
    threads      Thread, Post, PostRevision (ThreadKind, Verdict, the querysets)
    fact_checks  FactCheck, FactCheckRevision, HelpfulMark
"""

from .fact_checks import FactCheck, FactCheckQuerySet, FactCheckRevision, HelpfulMark
from .pages import (
    POSTS_PER_PAGE,
    RESERVED_FORUM_SLUGS,
    THREADS_PER_PAGE,
    ForumIndexPage,
    ForumPage,
    GuidelinesAcceptance,
    Topic,
)
from .threads import (
    Post,
    PostQuerySet,
    PostRevision,
    Thread,
    ThreadKind,
    ThreadQuerySet,
    Verdict,
    body_hash,
)

__all__ = [
    "POSTS_PER_PAGE",
    "RESERVED_FORUM_SLUGS",
    "THREADS_PER_PAGE",
    "FactCheck",
    "FactCheckQuerySet",
    "FactCheckRevision",
    "ForumIndexPage",
    "ForumPage",
    "GuidelinesAcceptance",
    "HelpfulMark",
    "Post",
    "PostQuerySet",
    "PostRevision",
    "Thread",
    "ThreadKind",
    "ThreadQuerySet",
    "Topic",
    "Verdict",
    "body_hash",
]
