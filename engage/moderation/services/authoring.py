"""Authors changing their own resident content: editing within the window, withdrawing.

Comments (consultations) and forum posts and thread openings (forums) are edited and
withdrawn the same way, so their services call these and the steps exist once:

    check_author(user, item, message)      # not the author: ValidationError "not_author"
    check_edit_window(item, message)       # past COMMENT_EDIT_MINUTES: "edit_window_closed"
    edit_own_content(user, item, text, clean_text=..., live_update=...)
    withdraw_own_content(user, item, not_author_message, live_update=...)

Each app keeps its own checks (may this person still take part, is the thread locked)
and its own wording (comments, posts). The writes run in one transaction with the
moderation queue (`content_edited`, `content_withdrawn`) and the model's behaviour
(`ResidentContent.edit_text`, which keeps the earlier text as a revision, and
`ResidentContent.withdraw`). `live_update(item)` returns `(group, event, payload)` for
the item's open pages, or None; it is sent after commit, and only when readers had the
item on their page (it was published).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from engage.realtime.broadcast import broadcast_after_commit

from ..text import clean_comment_text
from .posting import check_can_post
from .queue_items import content_edited, content_withdrawn


def check_author(user, item, message):
    """ValidationError (code "not_author", `message`) unless `user` wrote `item`."""
    if not (user and user.is_authenticated and item.author_id == user.pk):
        raise ValidationError(message, code="not_author")


def check_edit_window(item, message):
    """ValidationError (code "edit_window_closed") once `item` may no longer be edited;
    `message` may name `%(minutes)s`, the length of the window."""
    if not item.can_still_edit():
        raise ValidationError(
            message,
            code="edit_window_closed",
            params={"minutes": settings.COMMENT_EDIT_MINUTES},
        )


def _announce(live_update, item):
    update = live_update(item) if live_update is not None else None
    if update is not None:
        broadcast_after_commit(*update)


def edit_own_content(user, item, text, *, clean_text=clean_comment_text, live_update=None):
    """Replace the text of `item` by `text` (checked and sanitised by `clean_text`), the
    earlier text kept as a revision; the queue shows the new text and, when the item is
    published, its pages hear `live_update(item)`. Call after the app's own checks
    (`check_author`, `check_edit_window`). Refuses suspended and banned accounts."""
    check_can_post(user)
    text, html = clean_text(text)
    with transaction.atomic():
        item.edit_text(text, html)
        content_edited(item)
        if item.is_published:
            _announce(live_update, item)
    return item


def withdraw_own_content(user, item, not_author_message, *, live_update=None):
    """Withdraw `user`'s own `item` (allowed at any time): its text and earlier versions
    are deleted, its queue item closes, and if it was published its pages hear
    `live_update(item)`. Withdrawing it again changes nothing."""
    check_author(user, item, not_author_message)
    if item.is_withdrawn:
        return item
    was_published = item.is_published
    with transaction.atomic():
        item.withdraw()
        content_withdrawn(item)
        if was_published:
            _announce(live_update, item)
    return item
