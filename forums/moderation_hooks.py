"""Forum content in the moderation queue, and moderation decisions on live pages.

`connect()` (called from ForumsConfig.ready) registers threads (kind "claim": the
opening of a thread, a discussion or a claim), posts ("post") and fact-checks
("factcheck") with `engage.moderation.registry`, and connects
`engage.moderation.signals.content_moderated` to `forums.services.announce_moderation`,
which tells open thread pages about hidden, removed, restored and redacted content.
"""


def thread_place(thread):
    return (f"forum:{thread.forum_id}", thread.title, thread.get_absolute_url())


def post_place(post):
    thread = post.thread
    return (f"forum:{thread.forum_id}", thread.title, post.get_absolute_url())


def fact_check_place(fact_check):
    thread = fact_check.thread
    return (f"forum:{thread.forum_id}", thread.title, fact_check.get_absolute_url())


def purge_history(instance):
    """Delete earlier versions of a post's or thread's text (after a redaction)."""
    instance.revisions.all().delete()


def purge_fact_check_history(fact_check):
    """A redacted fact-check: the published revision and the earlier ones show the
    redacted explanation (newer drafts, never published, keep their own text)."""
    revisions = fact_check.revisions.all()
    published = fact_check.published_revision
    if published is not None:
        revisions = revisions.filter(number__lte=published.number)
    revisions.update(body_text=fact_check.body_text, body_html=fact_check.body_html)


def connect():
    from engage.moderation import registry
    from engage.moderation.signals import content_moderated

    from .models import FactCheck, Post, Thread
    from .services import announce_moderation

    registry.register(Thread, kind="claim", place=thread_place, purge_history=purge_history)
    registry.register(Post, kind="post", place=post_place, purge_history=purge_history)
    registry.register(
        FactCheck,
        kind="factcheck",
        place=fact_check_place,
        purge_history=purge_fact_check_history,
    )
    content_moderated.connect(announce_moderation, dispatch_uid="forums-announce-moderation")
