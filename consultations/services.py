"""Writes to consultations: posting, editing and withdrawing comments.

Views, the API and consumers all call these, so they validate and behave the same way.
Each write happens in one transaction with its participation record; live updates to
`consultation_group(...)` are registered to go out only after it commits.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from consultations.following.services import comment_posted
from engage.communities.models import Action
from engage.communities.scopes import Scope
from engage.communities.services import record_participation
from engage.moderation.services import (
    check_author,
    check_can_post,
    check_edit_window,
    content_created,
    edit_own_content,
    initial_status,
    withdraw_own_content,
)
from engage.moderation.text import clean_comment_text, clean_language
from engage.realtime.broadcast import broadcast_after_commit
from engage.realtime.groups import consultation_group

from .models import (
    MAX_COMMENT_DEPTH,
    Comment,
    CommentStatus,
    ModerationMode,
)
from .rules import TakePartBlocker, take_part_blocker

BLOCKER_MESSAGES = {
    TakePartBlocker.NOT_PUBLISHED: _(
        "This consultation is not published yet, so nobody can comment on it."
    ),
    TakePartBlocker.UPCOMING: _(
        "This consultation is not open yet. Please come back when it opens to comment."
    ),
    TakePartBlocker.CLOSED: _(
        "This consultation has closed, so it no longer takes comments. Thank you for your interest."
    ),
    TakePartBlocker.LOG_IN: _("Please log in or create a free account to comment."),
    TakePartBlocker.VERIFY_EMAIL: _(
        "Please verify your email address before commenting. Follow the link in the email "
        "we sent you, or ask for a new one."
    ),
}


def _check_may_take_part(user, consultation):
    blocker = take_part_blocker(user, consultation)
    if blocker is not None:
        raise ValidationError(BLOCKER_MESSAGES[blocker], code=blocker)


def _check_parent(user, consultation, proposal, parent):
    if parent.consultation_id != consultation.pk:
        raise ValidationError(
            _("You can only reply to comments on this consultation."), code="wrong_parent"
        )
    if parent.proposal_id != (proposal.pk if proposal else None):
        raise ValidationError(
            _("You can only reply to comments on the same proposal."), code="wrong_parent"
        )
    if not Comment.objects.visible_to(user).filter(pk=parent.pk).exists():
        raise ValidationError(
            _("The comment you are replying to is no longer available."), code="parent_missing"
        )
    if parent.status != CommentStatus.PUBLISHED:
        raise ValidationError(
            _("You can only reply to published comments. Please reply to another comment."),
            code="parent_not_published",
        )
    if parent.depth >= MAX_COMMENT_DEPTH:
        raise ValidationError(
            _(
                "Replies can only go three levels deep. Please reply to an earlier comment "
                "in this conversation instead."
            ),
            code="too_deep",
        )


def comment_payload(comment):
    """What live pages hear about a comment (see docs/websockets.md)."""
    return {
        "id": comment.pk,
        "parent_id": comment.parent_id,
        "proposal_id": comment.proposal_id,
        "author": str(comment.author_name),
        "body_html": comment.body_html,
        "language": comment.language,
        "created_at": comment.created_at.isoformat(),
        "edited": comment.edited_at is not None,
    }


def post_comment(user, consultation, text, *, proposal=None, parent=None, language=None):
    """Post `text` as `user`'s comment on `consultation` (on `proposal`, or a reply to
    `parent`). Pending under pre-moderation, published at once under post-moderation
    (except an account's first contributions; see `engage.moderation.services.initial_status`).
    Raises ValidationError, saving nothing, when anything is wrong (including a suspended
    or banned account)."""
    _check_may_take_part(user, consultation)
    check_can_post(user)
    if parent is not None and proposal is None:
        proposal = parent.proposal
    if proposal is not None and proposal.page_id != consultation.pk:
        raise ValidationError(
            _("That proposal belongs to another consultation. Please comment on this one."),
            code="wrong_proposal",
        )
    if parent is not None:
        _check_parent(user, consultation, proposal, parent)
    text, html = clean_comment_text(text)
    language = clean_language(language)
    status = initial_status(user, pre_moderated=consultation.moderation_mode == ModerationMode.PRE)
    scopes = [Scope.of("consultation", consultation.pk)]
    if proposal is not None:
        scopes.append(Scope.of("proposal", proposal.pk))
    with transaction.atomic():
        comment = Comment.objects.create(
            consultation=consultation,
            proposal=proposal,
            parent=parent,
            depth=parent.depth + 1 if parent else 0,
            author=user,
            body_text=text,
            body_html=html,
            language=language,
            status=status,
        )
        record_participation(user, Action.COMMENTED, *scopes, area=consultation.area)
        content_created(comment)
        # Auto-follow, and tell the parent's author about a published reply (after commit).
        comment_posted(comment)
        if status == CommentStatus.PUBLISHED:
            broadcast_after_commit(
                consultation_group(consultation.pk), "comment.created", comment_payload(comment)
            )
    return comment


NOT_AUTHOR = _("You can only change your own comments.")
EDIT_WINDOW_CLOSED = _(
    "Comments can only be edited for %(minutes)s minutes after posting. You can "
    "withdraw it and post a new one instead."
)


def _edited_update(comment):
    return (consultation_group(comment.consultation_id), "comment.edited", comment_payload(comment))


def _withdrawn_update(comment):
    return (
        consultation_group(comment.consultation_id),
        "comment.withdrawn",
        {"id": comment.pk, "parent_id": comment.parent_id, "proposal_id": comment.proposal_id},
    )


def edit_comment(user, comment, text):
    """Change the text of `user`'s own comment within settings.COMMENT_EDIT_MINUTES.
    The earlier text is kept as a `CommentRevision` and the comment shows as edited
    (`engage.moderation.services.authoring`)."""
    check_author(user, comment, NOT_AUTHOR)
    check_edit_window(comment, EDIT_WINDOW_CLOSED)
    _check_may_take_part(user, comment.consultation)
    return edit_own_content(user, comment, text, live_update=_edited_update)


def withdraw_comment(user, comment):
    """Withdraw `user`'s own comment: its text and earlier versions are deleted and a
    placeholder takes its place, so replies to it keep their context. Allowed at any time."""
    return withdraw_own_content(user, comment, NOT_AUTHOR, live_update=_withdrawn_update)
