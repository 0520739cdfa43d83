"""Writes to the forums: threads, posts, fact-checks, helpful marks, thread settings.

Views, the API and consumers all call these, so they validate and behave the same way.
Each write happens in one transaction with its participation record
(`forum:<id>` in the ledger); live updates to `forum_thread_group(...)` are registered
to go out only after it commits. Every refusal is a translated `ValidationError` with a
`code`, and nothing is half-saved. One module per concern, every public name importable
from `forums.services`:

    checks           what every resident write passes first: the text (`clean_post_text`),
                     rate limit, moderation mode, posting guidelines, slow mode, form token
    posting          start_thread, post_reply, edit_content, withdraw_content
    fact_checks      write_fact_check, revise_fact_check, publish_fact_check,
                     refresh_verdict, mark_helpful
    thread_settings  update_thread_settings (lock, pin, slow mode)
    live             the live events' payloads and the helpers that send them

Before any resident writes: the moderation checks (`engage.moderation.services.
check_can_post`, which refuses suspended and banned accounts and says until when), the
rate limit (`engage.ratelimit.check_rate("forum_post", ...)`, raising `RateLimited`),
the forum's posting guidelines (accepted once per forum, recorded) and the thread's
slow mode. The same text sent twice by the same person in the same thread within
`FORUM_DUPLICATE_WINDOW_SECONDS`, or the same form sent twice (its token), gives back
the post already made instead of a second one.
"""

from ..models import body_hash
from .checks import (
    TEXT_MESSAGES,
    check_rate,
    clean_post_text,
    forum_scope,
    has_accepted_guidelines,
    initial_status,
)
from .fact_checks import (
    clean_sources,
    mark_helpful,
    publish_fact_check,
    refresh_verdict,
    revise_fact_check,
    write_fact_check,
)
from .live import fact_check_payload, post_payload, thread_payload, verdict_payload
from .posting import edit_content, post_reply, start_thread, withdraw_content
from .thread_settings import update_thread_settings

__all__ = [
    "TEXT_MESSAGES",
    "body_hash",
    "check_rate",
    "clean_post_text",
    "clean_sources",
    "edit_content",
    "fact_check_payload",
    "forum_scope",
    "has_accepted_guidelines",
    "initial_status",
    "mark_helpful",
    "post_payload",
    "post_reply",
    "publish_fact_check",
    "refresh_verdict",
    "revise_fact_check",
    "start_thread",
    "thread_payload",
    "update_thread_settings",
    "verdict_payload",
    "withdraw_content",
    "write_fact_check",
]
