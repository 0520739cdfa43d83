"""Forum content in the moderation queue, and moderation decisions on live pages.

`connect()` (called from ForumsConfig.ready) registers threads (kind "claim": the
opening of a thread, a discussion or a claim), posts ("post") and fact-checks
("factcheck") with `engage.moderation.registry`, and connects
`engage.moderation.signals.content_moderated` to `announce_moderation`, which tells open
thread pages about hidden, removed, restored and redacted content and about the claim's
verdict when a decision on a fact-check changed it (docs/websockets.md, "Forum threads").
"""

from engage.moderation.content import ContentStatus

GONE = (ContentStatus.HIDDEN, ContentStatus.REMOVED)


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

    registry.register(Thread, kind="claim", place=thread_place, purge_history=purge_history)
    registry.register(Post, kind="post", place=post_place, purge_history=purge_history)
    registry.register(
        FactCheck,
        kind="factcheck",
        place=fact_check_place,
        purge_history=purge_fact_check_history,
    )
    content_moderated.connect(announce_moderation, dispatch_uid="forums-announce-moderation")


def _redacted(action):
    return action is not None and action.before_text != action.after_text


def announce_moderation(
    sender=None, instance=None, action=None, old_status=None, new_status=None, **kwargs
):
    """Receiver of `engage.moderation.signals.content_moderated` (sent after the
    decision committed): tell the thread's open pages what the decision changed.

    Published content that goes: `<kind>.hidden` / `<kind>.removed`; content that comes
    back: `post.created` (approved), `post.restored`, `thread.restored`,
    `factcheck.restored`; published content a moderator redacted: `post.edited`,
    `thread.edited`, `factcheck.edited`. A decision on a fact-check refreshes the
    claim's verdict and sends `thread.verdict` when it changed.
    """
    from .models import FactCheck, Post, Thread
    from .services.fact_checks import refresh_verdict
    from .services.live import (
        announce,
        announce_verdict,
        event_prefix,
        fact_check_payload,
        identity,
        post_payload,
        thread_id_of,
    )

    if not isinstance(instance, Post | Thread | FactCheck):
        return
    is_fact_check = isinstance(instance, FactCheck)
    thread_id = thread_id_of(instance)
    verdict_changes = is_fact_check and old_status != new_status
    if verdict_changes:
        # Before the events, so pages that refetch on them show the new verdict. From
        # the database: `instance.thread` may be a copy cached before the decision.
        thread = Thread.objects.get(pk=thread_id)
        verdict_before = thread.verdict
        refresh_verdict(thread)
    prefix = "factcheck" if is_fact_check else event_prefix(instance)
    published = ContentStatus.PUBLISHED
    if new_status in GONE:
        # Only readers of published content have it on their page.
        if old_status == published:
            announce(thread_id, f"{prefix}.{new_status}", identity(instance))
    elif new_status == published and isinstance(instance, Post):
        if old_status == ContentStatus.PENDING:
            event = "post.created"
        elif old_status == published:
            event = "post.edited"  # redacted
        else:
            event = "post.restored"
        announce(thread_id, event, post_payload(instance))
    elif new_status == published and old_status != new_status:
        announce(thread_id, f"{prefix}.restored", identity(instance))
    elif new_status == published and _redacted(action):
        payload = identity(instance)
        if is_fact_check and instance.published_revision_id is not None:
            # Reloaded: the redaction rewrote the revisions in the database.
            fresh = FactCheck.objects.select_related("published_revision").get(pk=instance.pk)
            payload = fact_check_payload(fresh)
        announce(thread_id, f"{prefix}.edited", payload)
    if verdict_changes:
        announce_verdict(thread, verdict_before)
