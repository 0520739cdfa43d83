"""Residents' threads and posts: starting a thread, replying, editing and withdrawing.

Each write happens in one transaction with its participation record (`forum:<id>` in
the ledger) and the moderation queue; live updates go to the thread's pages after it
commits. Before any write: the moderation gate (`check_can_post`), the rate limit, the
forum's posting guidelines and the thread's slow mode (`.checks`). The same text sent
twice by the same person in the same thread within `FORUM_DUPLICATE_WINDOW_SECONDS`, or
the same form sent twice (its token), gives back the post already made instead of a
second one. Editing and withdrawing follow the steps every kind of resident content
shares (`engage.moderation.services.authoring`).
"""

import datetime

import rules
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.communities.models import Action
from engage.communities.services import record_participation
from engage.moderation import services as moderation
from engage.moderation.content import ContentStatus
from engage.moderation.text import clean_language
from engage.realtime.groups import forum_thread_group

from ..blockers import BLOCKER_MESSAGES
from ..models import Post, Thread, ThreadKind, body_hash
from ..rules import PostBlocker, reply_blocker, start_thread_blocker
from .checks import (
    accept_or_require_guidelines,
    check_rate,
    check_slow_mode,
    clean_post_text,
    form_token,
    forum_scope,
    initial_status,
)
from .live import announce, event_prefix, identity, post_payload, thread_id_of

NOT_AUTHOR = _("You can only change your own posts.")
EDIT_WINDOW_CLOSED = _(
    "Posts can only be edited for %(minutes)s minutes after posting. You can "
    "withdraw it and post a new one instead."
)


def start_thread(
    user,
    forum,
    *,
    title,
    text,
    language=None,
    kind=ThreadKind.DISCUSSION,
    topic=None,
    heard_where="",
    accept_guidelines=False,
    token=None,
    address=None,
):
    """Open a thread (a discussion, or a claim with where it was heard) in `forum`.

    Returns the thread; `thread.was_duplicate` is True when the same form was sent again
    and the thread it made is given back instead.
    """
    blocker = start_thread_blocker(user, forum)
    if blocker is not None:
        raise ValidationError(BLOCKER_MESSAGES[blocker], code=blocker)
    moderation.check_can_post(user)
    token = form_token(token)
    if token is not None:
        existing = Thread.objects.filter(author=user, client_token=token).first()
        if existing is not None:
            existing.was_duplicate = True
            return existing
    if kind not in ThreadKind.values:
        raise ValidationError(_("Please choose a discussion or a claim."), code="bad_kind")
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError(
            _("Please give your thread a title: one short sentence."), code="empty_title"
        )
    if len(title) > 200:
        raise ValidationError(
            _("Please keep the title to %(limit)s characters or fewer."),
            code="title_too_long",
            params={"limit": 200},
        )
    heard_where = " ".join((heard_where or "").split())[:200] if kind == ThreadKind.CLAIM else ""
    if topic is not None and topic.forum_id != forum.pk:
        raise ValidationError(
            _("That topic belongs to another forum. Please choose one of this forum's topics."),
            code="wrong_topic",
        )
    text, html = clean_post_text(text)
    language = clean_language(language)
    check_rate(user, address)
    status = initial_status(user, forum)
    action = Action.CLAIMED if kind == ThreadKind.CLAIM else Action.POSTED
    try:
        with transaction.atomic():
            accept_or_require_guidelines(user, forum, accept_guidelines)
            thread = Thread.objects.create(
                forum=forum,
                topic=topic,
                kind=kind,
                title=title,
                heard_where=heard_where,
                author=user,
                body_text=text,
                body_html=html,
                language=language,
                status=status,
                client_token=token,
            )
            record_participation(user, action, forum_scope(forum))
            moderation.content_created(thread)
    except IntegrityError:
        existing = Thread.objects.filter(author=user, client_token=token).first()
        if token is None or existing is None:
            raise
        existing.was_duplicate = True
        return existing
    thread.was_duplicate = False
    return thread


def post_reply(
    user,
    thread,
    text,
    *,
    language=None,
    follow_up_to=None,
    accept_guidelines=False,
    token=None,
    address=None,
):
    """Post `text` as `user`'s reply in `thread` (a follow-up question when
    `follow_up_to` names one of its published fact-checks).

    Pending in a pre-moderated forum, published at once otherwise. Returns the post;
    `post.was_duplicate` is True when it had already been posted (see the module
    docstring). Raises ValidationError, saving nothing, when anything is wrong.
    """
    blocker = reply_blocker(user, thread)
    if blocker is not None:
        raise ValidationError(BLOCKER_MESSAGES[blocker], code=blocker)
    moderation.check_can_post(user)
    if follow_up_to is not None and (
        follow_up_to.thread_id != thread.pk
        or not rules.test_rule("forums.mark_helpful", user, follow_up_to)
    ):
        raise ValidationError(
            _("You can only ask a follow-up about a published fact-check in this thread."),
            code="wrong_fact_check",
        )
    text, html = clean_post_text(text)
    language = clean_language(language)
    token = form_token(token)
    digest = body_hash(text)
    forum = thread.forum
    try:
        with transaction.atomic():
            # One writer per thread at a time: the duplicate and slow-mode checks below
            # then see every post committed before this one.
            thread = (
                Thread.objects.select_for_update(of=("self",))
                .select_related("forum")
                .get(pk=thread.pk)
            )
            now = timezone.now()
            duplicate = _duplicate_post(user, thread, token, digest, now)
            if duplicate is not None:
                duplicate.was_duplicate = True
                return duplicate
            if thread.is_locked:
                raise ValidationError(BLOCKER_MESSAGES[PostBlocker.LOCKED], code="locked")
            check_slow_mode(user, thread, now)
            check_rate(user, address)
            accept_or_require_guidelines(user, forum, accept_guidelines)
            status = initial_status(user, forum)
            post = Post.objects.create(
                thread=thread,
                author=user,
                body_text=text,
                body_html=html,
                body_hash=digest,
                language=language,
                status=status,
                follow_up_to=follow_up_to,
                client_token=token,
                created_at=now,
            )
            if status == ContentStatus.PUBLISHED:
                Thread.objects.filter(pk=thread.pk).update(last_activity_at=now)
            record_participation(user, Action.POSTED, forum_scope(forum))
            moderation.content_created(post)
            if status == ContentStatus.PUBLISHED:
                announce(thread.pk, "post.created", post_payload(post))
    except IntegrityError:
        existing = Post.objects.filter(author=user, client_token=token).first()
        if token is None or existing is None:
            raise
        existing.was_duplicate = True
        return existing
    post.was_duplicate = False
    return post


def _duplicate_post(user, thread, token, digest, now):
    if token is not None:
        existing = Post.objects.filter(author=user, client_token=token).first()
        if existing is not None:
            return existing
    window = datetime.timedelta(seconds=settings.FORUM_DUPLICATE_WINDOW_SECONDS)
    return (
        Post.objects.filter(
            thread=thread, author=user, body_hash=digest, created_at__gte=now - window
        )
        .exclude(status=ContentStatus.WITHDRAWN)
        .order_by("-created_at")
        .first()
    )


def _edited_update(content):
    if isinstance(content, Post):
        return (forum_thread_group(content.thread_id), "post.edited", post_payload(content))
    return (forum_thread_group(content.pk), "thread.edited", identity(content))


def _withdrawn_update(content):
    return (
        forum_thread_group(thread_id_of(content)),
        f"{event_prefix(content)}.withdrawn",
        identity(content),
    )


def edit_content(user, content, text):
    """Change the text of `user`'s own post (or thread opening) within the edit window.
    The earlier text is kept as a `PostRevision` and it shows as edited."""
    moderation.check_author(user, content, NOT_AUTHOR)
    if not rules.test_rule("forums.edit_post", user, content):
        raise ValidationError(
            _("This thread is locked or closed, so its posts can no longer be changed."),
            code="cannot_edit",
        )
    moderation.check_edit_window(content, EDIT_WINDOW_CLOSED)
    return moderation.edit_own_content(
        user, content, text, clean_text=clean_post_text, live_update=_edited_update
    )


def withdraw_content(user, content):
    """Withdraw `user`'s own post or thread opening: its text and earlier versions are
    deleted and a placeholder takes its place. Allowed at any time."""
    return moderation.withdraw_own_content(user, content, NOT_AUTHOR, live_update=_withdrawn_update)
