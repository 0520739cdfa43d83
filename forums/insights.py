"""Forum threads (discussions and claims), posts and fact-checks as analysed resident
texts (`engage.insights.registry`). Imported by `ForumsConfig.ready()`.

Everything written in a forum counts in that forum and the city (forums have no area or
policy area); only published content counts in the aggregates, and replies and
fact-checks count only while their thread is published too: when moderation removes a
thread, `thread_visibility_changed` takes its replies out of the aggregates (and puts
them back if the thread is restored) with one update, after commit.
"""

from django.db.models.signals import post_save

from engage.after_commit import on_commit_safely
from engage.insights.registry import register_target
from engage.insights.services import set_visibility
from engage.moderation.content import ContentStatus

from .models import FactCheck, Post, Thread

WATCHED = {"body_text", "status", "language"}


def _published(content):
    return content.status == ContentStatus.PUBLISHED


def _published_in_published_thread(content):
    return _published(content) and _published(content.thread)


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
    visible=_published_in_published_thread,
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
    visible=_published_in_published_thread,
    may_flag=_may_flag,
    queryset=lambda: FactCheck.objects.select_related("thread"),
    watched_fields=WATCHED,
)


def refresh_thread_children(thread_id):
    """Set whether the replies and fact-checks of a thread count in the aggregates."""
    thread = Thread.objects.filter(pk=thread_id).only("status").first()
    if thread is None:
        return
    thread_published = _published(thread)
    for model, kind in ((Post, "post"), (FactCheck, "factcheck")):
        children = model.objects.filter(thread_id=thread_id)
        visible = children.filter(status=ContentStatus.PUBLISHED) if thread_published else None
        set_visibility(model, kind, children, visible)


def thread_visibility_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and "status" not in update_fields):
        return
    thread_id = instance.pk
    on_commit_safely(
        lambda: refresh_thread_children(thread_id), f"aggregates of thread {thread_id}'s replies"
    )


post_save.connect(thread_visibility_changed, sender=Thread, dispatch_uid="insights-thread-children")
