"""Who may report, moderate, appeal and decide appeals.

- `moderation.report` (object: content): verified residents, not on their own content.
- `moderation.view_queue`, `moderation.view_notes`, `moderation.view_audit`: moderators
  with two-factor authentication (`accounts.moderate`). Residents never see the queue,
  notes or other people's reports.
- `moderation.act` (object: content or an account): a moderator, never on their own
  content or their own account.
- `moderation.appeal` (object: ModerationAction): the person the action affected, once,
  for appealable actions.
- `moderation.decide_appeal` (object: Appeal): a moderator who neither took the action
  nor made the appeal.
"""

import rules

from engage.accounts.rules import can_moderate, is_verified


def _author_id(obj):
    if obj is None:
        return None
    if hasattr(obj, "author_id"):
        return obj.author_id
    return getattr(obj, "pk", None)  # an account


@rules.predicate
def is_own(user, obj):
    """`obj` is content `user` wrote, or `user`'s own account."""
    return bool(user and user.is_authenticated and obj is not None and _author_id(obj) == user.pk)


@rules.predicate
def is_affected_by(user, action):
    return bool(
        user and user.is_authenticated and action is not None and action.account_id == user.pk
    )


@rules.predicate
def is_appealable(user, action):
    return action is not None and action.is_appealable


@rules.predicate
def took_the_action(user, appeal):
    return appeal is not None and appeal.action.moderator_id == getattr(user, "pk", None)


@rules.predicate
def made_the_appeal(user, appeal):
    return appeal is not None and appeal.appellant_id == getattr(user, "pk", None)


can_report = is_verified & ~is_own
can_act = can_moderate & ~is_own
can_appeal = is_affected_by & is_appealable
can_decide_appeal = can_moderate & ~took_the_action & ~made_the_appeal

rules.add_rule("moderation.report", can_report)
rules.add_rule("moderation.view_queue", can_moderate)
rules.add_rule("moderation.view_notes", can_moderate)
rules.add_rule("moderation.view_audit", can_moderate)
rules.add_rule("moderation.act", can_act)
rules.add_rule("moderation.appeal", can_appeal)
rules.add_rule("moderation.decide_appeal", can_decide_appeal)
