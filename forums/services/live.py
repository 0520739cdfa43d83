"""What open thread pages hear: the payloads of the live events (docs/websockets.md,
"Forum threads") and the helpers the services send them with.

Every event goes out only after the transaction that caused it commits
(`engage.realtime.broadcast.broadcast_after_commit`, registered through
`engage.after_commit.on_commit_safely`): nobody hears of a rolled-back write, and a
channel layer that is down never turns a saved write into an error. Moderators'
decisions are told by `forums.moderation_hooks.announce_moderation`.
"""

from engage.realtime.broadcast import broadcast_after_commit
from engage.realtime.groups import forum_thread_group

from ..models import Thread, Verdict

# Thread settings, in the order `thread.updated` lists them in `changed`.
THREAD_SETTINGS = ("is_locked", "is_pinned", "slow_mode_minutes")


def announce(thread_id, event, payload):
    """Send `event` with `payload` to the open pages of thread `thread_id`, after commit."""
    broadcast_after_commit(forum_thread_group(thread_id), event, payload)


def event_prefix(content):
    """ "thread" for a thread's opening, "post" for a reply: the first half of its events."""
    return "thread" if isinstance(content, Thread) else "post"


def thread_id_of(content):
    return content.pk if isinstance(content, Thread) else content.thread_id


def identity(content):
    """`{"id", "thread_id"}`: what an event about content that left the page carries."""
    return {"id": content.pk, "thread_id": thread_id_of(content)}


def post_payload(post):
    """What live thread pages hear about a post."""
    return {
        "id": post.pk,
        "thread_id": post.thread_id,
        "author": str(post.author_name),
        "body_html": post.body_html,
        "language": post.language,
        "created_at": post.created_at.isoformat(),
        "edited": post.edited_at is not None,
        "follow_up_to": post.follow_up_to_id,
    }


def fact_check_payload(fact_check):
    """A fact-check as the public sees it: its published revision."""
    revision = fact_check.published_revision
    return {
        "id": fact_check.pk,
        "thread_id": fact_check.thread_id,
        "verdict": revision.verdict,
        "verdict_label": str(Verdict(revision.verdict).label),
        "body_html": revision.body_html,
        "sources": revision.sources,
        "author": str(revision.author_name),
        "reviewer": str(revision.reviewer_name),
        "published_at": revision.published_at.isoformat(),
        "revision": revision.number,
    }


def thread_payload(thread, changed=()):
    """A thread's settings; `changed` names those whose value this change altered."""
    return {
        "id": thread.pk,
        "is_locked": thread.is_locked,
        "is_pinned": thread.is_pinned,
        "slow_mode_minutes": thread.slow_mode_minutes,
        "changed": [name for name in THREAD_SETTINGS if name in changed],
    }


def verdict_payload(thread):
    """A claim's verdict (empty when no published fact-check gives it one)."""
    return {
        "id": thread.pk,
        "thread_id": thread.pk,
        "verdict": thread.verdict,
        "verdict_label": str(Verdict(thread.verdict).label) if thread.verdict else "",
    }


def announce_verdict(thread, before):
    """Tell the claim's pages its verdict changed (`thread.verdict`), if it is no longer
    `before`."""
    if thread.verdict != before:
        announce(thread.pk, "thread.verdict", verdict_payload(thread))
