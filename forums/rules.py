"""Who may do what in the myth-busting forums.

Roles come from `engage.accounts.rules`. Objects: a `ForumPage` for forum rules, a
`Thread`, `Post` or `FactCheck` for the others. Views, the API and the WebSocket
consumer all ask these rules with `rules.test_rule("forums.…", user, obj)`.

- view: anyone, for published content in a published forum (live, and its Wagtail view
  restrictions passed: `engage.accounts.rules.is_visible_page`); authors see their own
  content awaiting moderation; moderators and city staff see drafts and pending content.
- start a thread, reply, mark helpful, ask a follow-up: verified residents, in a
  published forum, in a thread that is published and not locked.
- write, revise and review fact-checks: community leaders, city staff and partner
  members ("fact-checkers"), on published claims; the reviewer who publishes a revision
  must not be the person who wrote that revision.
- edit a post or thread opening: its verified author, in a published forum, in a thread
  that is not locked (the edit window is checked by the service).
- lock, pin, slow mode: moderators (with two-factor set up) and city staff.
"""

import rules

from engage.accounts.rules import (
    has_mfa,
    is_city_staff,
    is_leader,
    is_moderator,
    is_partner_member,
    is_verified,
    is_visible_page,
)
from engage.moderation.content import PUBLIC_STATUSES, ContentStatus


def _authenticated(user):
    return bool(user and user.is_authenticated)


@rules.predicate
def is_live_forum(user, forum):
    """Live and visible to `user` under its view restrictions (`is_visible_page`)."""
    return is_visible_page(user, forum)


@rules.predicate
def thread_in_live_forum(user, thread):
    return thread is not None and is_visible_page(user, thread.forum)


@rules.predicate
def is_public_content(user, obj):
    return obj is not None and obj.status in PUBLIC_STATUSES


@rules.predicate
def is_own_content(user, obj):
    return _authenticated(user) and obj is not None and obj.author_id == user.pk


@rules.predicate
def is_own_pending(user, obj):
    return obj is not None and obj.status == ContentStatus.PENDING and is_own_content(user, obj)


@rules.predicate
def is_published_content(user, obj):
    return obj is not None and obj.status == ContentStatus.PUBLISHED


@rules.predicate
def thread_is_open(user, thread):
    return thread is not None and not thread.is_locked


def _content_thread(obj):
    """The thread of a post, or the thread itself (its opening post)."""
    return getattr(obj, "thread", obj)


@rules.predicate
def content_thread_is_open(user, content):
    return content is not None and not _content_thread(content).is_locked


@rules.predicate
def content_in_live_forum(user, content):
    return content is not None and is_visible_page(user, _content_thread(content).forum)


@rules.predicate
def is_claim(user, thread):
    return thread is not None and thread.is_claim


@rules.predicate
def fact_check_is_published(user, fact_check):
    return (
        fact_check is not None
        and fact_check.published_revision_id is not None
        and fact_check.status in PUBLIC_STATUSES
    )


@rules.predicate
def fact_check_claim_in_live_forum(user, fact_check):
    return fact_check is not None and is_visible_page(user, fact_check.thread.forum)


@rules.predicate
def wrote_latest_revision(user, fact_check):
    """The author of the revision awaiting review cannot be its second reviewer."""
    if not _authenticated(user) or fact_check is None:
        return False
    revision = fact_check.latest_revision
    author_id = revision.author_id if revision is not None else fact_check.author_id
    return author_id == user.pk


@rules.predicate
def leads_any_group(user):
    # engage.accounts.rules.is_leader takes an optional community group as its second
    # argument; composed with an object it would be asked about that object instead.
    return is_leader(user)


@rules.predicate
def awaits_review(user, fact_check):
    return fact_check is not None and fact_check.is_awaiting_review


@rules.predicate
def post_thread_is_visible(user, post):
    return post is not None and rules.test_rule("forums.view_thread", user, post.thread)


@rules.predicate
def can_see_post(user, post):
    return post is not None and (
        post.status in PUBLIC_STATUSES
        or is_moderator(user)
        or (post.status == ContentStatus.PENDING and is_own_content(user, post))
    )


is_fact_checker = leads_any_group | is_city_staff | is_partner_member
# Locking, pinning and slowing threads is moderation: TOTP for staff and moderators alike.
is_forum_staff = (is_city_staff | is_moderator) & has_mfa
staff_or_moderator = is_city_staff | is_moderator

can_view_forum = is_live_forum | staff_or_moderator
can_view_thread = (thread_in_live_forum | staff_or_moderator) & (
    is_public_content | is_own_pending | is_moderator
)
can_start_thread = is_live_forum & is_verified
can_reply = thread_in_live_forum & is_published_content & thread_is_open & is_verified
can_write_fact_check = thread_in_live_forum & is_claim & is_published_content & is_fact_checker
can_revise_fact_check = fact_check_claim_in_live_forum & is_published_content & is_fact_checker
can_review_fact_check = can_revise_fact_check & awaits_review & ~wrote_latest_revision
can_edit_post = is_own_content & content_in_live_forum & content_thread_is_open & is_verified
can_view_fact_check_drafts = is_fact_checker | is_moderator
can_mark_helpful = fact_check_claim_in_live_forum & fact_check_is_published & is_verified
can_moderate_thread = is_forum_staff

rules.add_rule("forums.view_forum", can_view_forum)
rules.add_rule("forums.view_thread", can_view_thread)
rules.add_rule("forums.view_post", post_thread_is_visible & can_see_post)
rules.add_rule("forums.start_thread", can_start_thread)
rules.add_rule("forums.reply", can_reply)
rules.add_rule("forums.edit_post", can_edit_post)
rules.add_rule("forums.write_fact_check", can_write_fact_check)
rules.add_rule("forums.revise_fact_check", can_revise_fact_check)
rules.add_rule("forums.review_fact_check", can_review_fact_check)
rules.add_rule("forums.view_fact_check_drafts", can_view_fact_check_drafts)
rules.add_rule("forums.mark_helpful", can_mark_helpful)
rules.add_rule("forums.moderate_thread", can_moderate_thread)


class PostBlocker:
    """Why someone cannot post in a forum or thread; templates and services explain it."""

    NOT_PUBLISHED = "not_published"
    LOCKED = "locked"
    LOG_IN = "log_in"
    VERIFY_EMAIL = "verify_email"


def start_thread_blocker(user, forum):
    """None when `user` may start a thread in `forum`; otherwise a `PostBlocker`."""
    if rules.test_rule("forums.start_thread", user, forum):
        return None
    if not is_visible_page(user, forum):
        return PostBlocker.NOT_PUBLISHED
    if not _authenticated(user):
        return PostBlocker.LOG_IN
    return PostBlocker.VERIFY_EMAIL


def reply_blocker(user, thread):
    """None when `user` may reply in `thread`; otherwise a `PostBlocker`.

    The thread's own state comes first: telling someone to log in to a locked thread
    would send them on a pointless errand.
    """
    if rules.test_rule("forums.reply", user, thread):
        return None
    if not is_visible_page(user, thread.forum) or thread.status != ContentStatus.PUBLISHED:
        return PostBlocker.NOT_PUBLISHED
    if thread.is_locked:
        return PostBlocker.LOCKED
    if not _authenticated(user):
        return PostBlocker.LOG_IN
    return PostBlocker.VERIFY_EMAIL
