"""Moderators' actions, one class each (the pattern of Wagtail's `wagtail/actions/`).

`moderate()` is what views, the API and code call: it picks the class for the action,
and runs its `check()` and `execute()` in one transaction. A new action is one class
(a subclass of `ModeratorAction` with its `kind`) added to `ACTIONS`, and one test.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ...models import MODERATOR_ACTIONS
from .account import AccountAction, BanAction, SuspendAction, WarnAction
from .base import BaseAction, ModeratorAction
from .content import (
    ApproveAction,
    AutoHideAction,
    ContentAction,
    HideAction,
    RedactAction,
    RemoveAction,
)
from .reverse import ReverseAction

# The actions a moderator picks, by ActionKind.
ACTIONS = {
    action.kind: action
    for action in (
        ApproveAction,
        HideAction,
        RemoveAction,
        RedactAction,
        WarnAction,
        SuspendAction,
        BanAction,
    )
}

__all__ = [
    "ACTIONS",
    "AccountAction",
    "ApproveAction",
    "AutoHideAction",
    "BanAction",
    "BaseAction",
    "ContentAction",
    "HideAction",
    "ModeratorAction",
    "RedactAction",
    "RemoveAction",
    "ReverseAction",
    "SuspendAction",
    "WarnAction",
    "action_class",
    "moderate",
]


def action_class(action):
    """The class of the moderator's `action` (an ActionKind value); ValidationError
    "bad_action" for anything else."""
    if action not in MODERATOR_ACTIONS or action not in ACTIONS:
        raise ValidationError(
            _("Please choose one of the moderation actions from the list."), code="bad_action"
        )
    return ACTIONS[action]


def moderate(
    moderator,
    instance,
    action,
    *,
    reason="",
    public_reason="",
    redacted_text=None,
    suspend_days=None,
):
    """`moderator` takes `action` (an ActionKind value) on content `instance` (or, for
    warn, suspend and ban, on an account or the author of `instance`).

    Checks `rules`, validates the transition, changes the content, closes its queue item
    and writes one append-only `ModerationAction` with the text and status before and
    after, all in one transaction. After commit it sends `signals.content_moderated`
    (live pages) and emails the author in their language with a link to appeal.

    Returns the ModerationAction written to the audit trail. Raises ValidationError with
    a translated message (codes: "bad_action", "removed", "withdrawn", "own_content",
    "not_found", "nothing_to_do", "public_reason_required", "redacted_required",
    "suspend_days", "no_author", and text errors for redactions) or PermissionDenied.
    """
    action = action_class(action)(
        moderator,
        instance,
        reason=reason,
        public_reason=public_reason,
        redacted_text=redacted_text,
        suspend_days=suspend_days,
    )
    with transaction.atomic():
        return action.execute()
