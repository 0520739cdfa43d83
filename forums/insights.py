"""Forum threads (discussions and claims), posts and fact-checks as analysed resident
texts (`engage.insights.registry`). Imported by `ForumsConfig.ready()`.

Everything written in a forum counts in that forum and the city (forums have no area or
policy area); only published content counts in the aggregates.
"""

from engage.insights.registry import register_target
from engage.moderation.content import ContentStatus

from .models import FactCheck, Post, Thread

WATCHED = {"body_text", "status", "language"}


def _published(content):
    return content.status == ContentStatus.PUBLISHED


def _may_flag(content):
    return content.status in (ContentStatus.PENDING, ContentStatus.PUBLISHED)


def _language(content):
    return content.language or None


def thread_text(thread):
    """A thread's title is part of what was said (a claim is often all title)."""
    return "\n\n".join(part for part in (thread.title, thread.body_text) if part)


register_target(
    Thread,
    kind="thread",
    author=lambda item: item.author_id,
    text=thread_text,
    language=_language,
    scopes=lambda thread: {"forum": thread.forum_id},
    visible=_published,
    may_flag=_may_flag,
    watched_fields={*WATCHED, "title"},
)
register_target(
    Post,
    kind="post",
    author=lambda item: item.author_id,
    text=lambda post: post.body_text,
    language=_language,
    scopes=lambda post: {"forum": post.thread.forum_id},
    visible=_published,
    may_flag=_may_flag,
    queryset=lambda: Post.objects.select_related("thread"),
    watched_fields=WATCHED,
)
register_target(
    FactCheck,
    kind="factcheck",
    author=lambda item: item.author_id,
    text=lambda fact_check: fact_check.body_text,
    language=_language,
    scopes=lambda fact_check: {"forum": fact_check.thread.forum_id},
    visible=_published,
    may_flag=_may_flag,
    queryset=lambda: FactCheck.objects.select_related("thread"),
    watched_fields=WATCHED,
)
