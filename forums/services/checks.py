"""The checks every resident write in the forums goes through, before it is saved.

The wording of the shared text checks for posts (`clean_post_text`), the rate limit
(`engage.ratelimit.check_rate("forum_post", ...)`), the forum's moderation mode, its
posting guidelines (accepted once per forum, recorded), a thread's slow mode, and the
form token that makes the same form sent twice one post.
"""

import datetime
import math
import uuid

import rules
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from engage import ratelimit
from engage.communities.scopes import Scope
from engage.moderation import services as moderation
from engage.moderation.content import ContentStatus, ModerationMode
from engage.moderation.text import clean_comment_text

from ..models import GuidelinesAcceptance, Post

# The wording of clean_comment_text's errors, for forum posts: same checks, same codes.
TEXT_MESSAGES = {
    "invalid_characters": _(
        "Your post contains characters we cannot store, such as control characters. "
        "Please retype it or paste it as plain text."
    ),
    "empty": _("Please write your post before sending it."),
    "too_long": _(
        "Your post is %(length)s characters long. Please shorten it to %(limit)s "
        "characters or fewer."
    ),
    "too_many_links": _(
        "Your post has %(count)s links. Please keep it to %(limit)s links or fewer."
    ),
}


def clean_post_text(text):
    """`clean_comment_text` with the messages worded for forum posts."""
    try:
        return clean_comment_text(text)
    except ValidationError as error:
        message = TEXT_MESSAGES.get(error.code)
        if message is None:
            raise
        raise ValidationError(message, code=error.code, params=error.params) from None


def forum_scope(forum_or_id):
    return Scope.of("forum", getattr(forum_or_id, "pk", forum_or_id))


def check_rate(user, address=None):
    """Count a forum post; raise `engage.ratelimit.RateLimited` when `user` posts too fast."""
    ratelimit.check_rate("forum_post", user=user, address=address)


def initial_status(user, forum):
    """What moderation says new content by `user` in `forum` starts as."""
    return moderation.initial_status(
        user, pre_moderated=forum.moderation_mode == ModerationMode.PRE
    )


def has_accepted_guidelines(user, forum):
    if not forum.posting_guidelines:
        return True
    return GuidelinesAcceptance.objects.filter(forum=forum, user=user).exists()


def accept_or_require_guidelines(user, forum, accept_guidelines):
    if has_accepted_guidelines(user, forum):
        return
    if not accept_guidelines:
        raise ValidationError(
            _(
                "Please read the posting guidelines and tick the box to accept them before "
                "your first post in this forum."
            ),
            code="guidelines",
        )
    GuidelinesAcceptance.objects.get_or_create(forum=forum, user=user)


def is_forum_staff(user):
    return rules.test_rule("forums.moderate_thread", user)


def check_slow_mode(user, thread, moment):
    if not thread.slow_mode_minutes or is_forum_staff(user):
        return
    since = moment - datetime.timedelta(minutes=thread.slow_mode_minutes)
    last = (
        Post.objects.filter(thread=thread, author=user, created_at__gt=since)
        .exclude(status=ContentStatus.WITHDRAWN)
        .aggregate(last=models.Max("created_at"))["last"]
    )
    if thread.author_id == user.pk and thread.created_at > since:
        last = max(filter(None, [last, thread.created_at]))
    if last is None:
        return
    wait = last + datetime.timedelta(minutes=thread.slow_mode_minutes) - moment
    raise ValidationError(
        _(
            "This thread is in slow mode: one post every %(minutes)s minutes per person, "
            "to give everyone time to read. You can post again in %(wait)s minutes."
        ),
        code="slow_mode",
        params={
            "minutes": thread.slow_mode_minutes,
            "wait": max(1, math.ceil(wait.total_seconds() / 60)),
        },
    )


def form_token(value):
    """The form token as a UUID, or None when there is none or it is not one."""
    if value in (None, ""):
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
