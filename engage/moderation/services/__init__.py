"""Writes of moderation: the posting gate, the queue, reports, moderators' actions,
sanctions, appeals, notes, bulk decisions and settings audit, one module per concern:

    posting         check_can_post, initial_status
    queue_items     content_created, content_edited, content_withdrawn, flag_content
    authoring       check_author, check_edit_window, edit_own_content, withdraw_own_content
    reports         find_content, report_content
    actions/        moderate(); one class per action with check() and execute()
    bulk            bulk_moderate (all or nothing)
    appeals         appeal, decide_appeal (reversal: actions.ReverseAction)
    notes           add_note
    settings_audit  record_setting_changes (thread lock, pin, slow mode)
    notifications   after-commit broadcast and email

Content services (consultations, forums) call three of these around their own writes:

    check_can_post(user)                       # suspended or banned: ValidationError
    status = initial_status(user, pre_moderated=...)
    ... create the item with `status` ...
    content_created(item)                      # inside the same transaction

Authors edit and withdraw their own content through `authoring` (same steps for
comments, posts and thread openings).

Moderators' decisions go through `moderate()` (and `bulk_moderate()`); see
`actions/content.py` for the state machine. Every public name is importable from
`engage.moderation.services`.
"""

from .actions import ACTIONS, BaseAction, ModeratorAction, ReverseAction, moderate
from .appeals import appeal, decide_appeal
from .authoring import check_author, check_edit_window, edit_own_content, withdraw_own_content
from .bulk import BulkResult, bulk_moderate, resolve_items
from .common import (
    APPEAL_MAX_LENGTH,
    EXCERPT_LENGTH,
    MAX_SUSPEND_DAYS,
    NOTE_MAX_LENGTH,
    WITHDRAWN_DECISION,
)
from .notes import add_note
from .posting import check_can_post, initial_status
from .queue_items import content_created, content_edited, content_withdrawn, flag_content
from .reports import _not_found, _reported_content_problem, find_content, report_content
from .settings_audit import SETTING_ACTIONS, record_setting_changes

__all__ = [
    "ACTIONS",
    "APPEAL_MAX_LENGTH",
    "EXCERPT_LENGTH",
    "MAX_SUSPEND_DAYS",
    "NOTE_MAX_LENGTH",
    "SETTING_ACTIONS",
    "WITHDRAWN_DECISION",
    "BaseAction",
    "BulkResult",
    "ModeratorAction",
    "ReverseAction",
    "_not_found",
    "_reported_content_problem",
    "add_note",
    "appeal",
    "bulk_moderate",
    "check_author",
    "check_can_post",
    "check_edit_window",
    "content_created",
    "content_edited",
    "content_withdrawn",
    "decide_appeal",
    "edit_own_content",
    "find_content",
    "flag_content",
    "initial_status",
    "moderate",
    "record_setting_changes",
    "report_content",
    "resolve_items",
    "withdraw_own_content",
]
