"""Reversing a decision on appeal: content restored, a warning, suspension or ban lifted."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ... import registry
from ...content import ContentStatus
from ...models import ACCOUNT_ACTIONS, ActionKind, ModerationAction
from ...sanitise import sanitise
from ..common import profile_of
from ..notifications import send_after_commit
from .base import BaseAction


class ReverseAction(BaseAction):
    """Undo `original` (an appeal decided against it) and write a REVERSE audit entry.

    Run inside the transaction that decides the appeal (`decide_appeal` checks who may).
    """

    kind = ActionKind.REVERSE

    def __init__(self, moderator, original, note):
        self.moderator = moderator
        self.original = original
        self.note = note
        self.instance = None

    def check(self):
        """Content can only be restored while it is as the decision left it."""
        original = self.original
        if original.action in ACCOUNT_ACTIONS:
            return
        model = original.content_type.model_class()
        self.instance = (
            model._default_manager.select_for_update().filter(pk=original.object_id).first()
        )
        if self.instance is None or self.instance.status != original.new_status:
            raise ValidationError(
                _(
                    "This content has changed since the decision, so it cannot be reversed "
                    "automatically. Please moderate it from the queue instead."
                ),
                code="changed_since",
            )

    def commit(self):
        if self.original.action in ACCOUNT_ACTIONS:
            return self.lift_sanction()
        return self.restore_content()

    def lift_sanction(self):
        original, account = self.original, self.original.account
        if account is not None:
            profile = profile_of(account, lock=True)
            if original.action == ActionKind.SUSPEND:
                profile.suspended_until = None
            elif original.action == ActionKind.BAN:
                profile.banned_at = None
            elif original.action == ActionKind.WARN and profile.warning_count:
                profile.warning_count -= 1
            profile.save()
        return ModerationAction.objects.create(
            moderator=self.moderator,
            account=account,
            action=self.kind,
            reason=self.note,
            public_reason=self.note,
        )

    def restore_content(self):
        original, instance = self.original, self.instance
        before_status, before_text = instance.status, instance.body_text
        fields = []
        # Reversing a hide or removal makes the content visible again, even when it was
        # hidden before (auto-hide confirmed, or removed while hidden).
        restored = (
            ContentStatus.PUBLISHED
            if original.old_status == ContentStatus.PENDING
            or original.action in (ActionKind.HIDE, ActionKind.REMOVE)
            else original.old_status
        )
        if original.old_status and restored != instance.status:
            instance.status = restored
            fields.append("status")
        if original.action == ActionKind.REDACT:
            instance.body_text = original.before_text
            instance.body_html = sanitise(original.before_text)
            fields += ["body_text", "body_html"]
        if fields:
            instance.save(update_fields=fields)
        scope, title, _url = registry.place_of(instance)
        entry = ModerationAction.objects.create(
            moderator=self.moderator,
            account=original.account,
            content_type=original.content_type,
            object_id=original.object_id,
            kind=original.kind,
            scope=scope,
            place_title=title[:255],
            action=self.kind,
            reason=self.note,
            public_reason=self.note,
            before_text=before_text,
            after_text=instance.body_text,
            old_status=before_status,
            new_status=instance.status,
        )
        if fields:
            send_after_commit(instance, entry, before_status, instance.status)
        return entry
