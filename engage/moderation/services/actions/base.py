"""The shape every moderation action has, after Wagtail's `wagtail/actions/`.

An action is built with what it acts on and the moderator's input; `check()` raises a
translated ValidationError or PermissionDenied when it may not happen, and `execute()`
checks, then does the write, the audit entry and the after-commit side effects. Call
`execute()` inside a transaction (`moderate()` opens one).

`ModeratorAction` is the base of the actions a moderator picks (and of the automatic
hide): it checks permission, then the input, then locks the content and checks its
state, in that order, and writes one append-only `ModerationAction` with the text and
status before and after. A subclass sets `kind` and overrides `check_input()`,
`check_state()` and `change()`; everything else is shared.
"""

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from ... import registry
from ...models import CONTENT_ACTIONS, ModerationAction, QueueItem
from ...rules import is_own
from ..common import EXCERPT_LENGTH, content_type_of
from ..notifications import email_after_commit, send_after_commit


class BaseAction:
    """check() refuses with a translated error; execute() checks, then commits."""

    def check(self):
        raise NotImplementedError

    def commit(self):
        raise NotImplementedError

    def execute(self):
        self.check()
        return self.commit()


class ModeratorAction(BaseAction):
    """A decision on content (or on an account, or the author of content)."""

    kind = None
    # The author is told, with a link to appeal.
    notify_author = False
    # The author has to be given a reason.
    public_reason_required = False
    # Recorded by the system (no moderator, no permission to check).
    automatic = False

    def __init__(
        self,
        moderator,
        instance,
        *,
        item=None,
        reason="",
        public_reason="",
        redacted_text=None,
        suspend_days=None,
    ):
        self.moderator = moderator
        self.instance = instance
        self.item = item
        self.reason = (reason or "").strip()
        self.public_reason = (public_reason or "").strip()
        self.redacted_text = redacted_text
        self.suspend_days = suspend_days
        self.is_content = registry.is_registered(instance)
        self.suspended_until = None

    # Checks, in the order they run.

    def check(self):
        if not self.automatic:
            self.check_permission()
        self.check_input()
        self.lock()
        self.read_state()
        self.check_state()

    def check_permission(self):
        if rules.test_rule("moderation.act", self.moderator, self.instance):
            return
        if is_own(self.moderator, self.instance):
            raise ValidationError(
                _(
                    "This is your own contribution or account, so another moderator has to "
                    "decide on it."
                ),
                code="own_content",
            )
        raise PermissionDenied(_("Only moderators with two-factor authentication can do this."))

    def check_input(self):
        if self.public_reason_required and not self.public_reason:
            raise ValidationError(
                _("Please write the reason the author will be given."),
                code="public_reason_required",
            )

    def lock(self):
        """Re-read the content with a row lock, so two decisions come one after another."""
        if not self.is_content:
            return
        instance = self.instance
        locked = type(instance)._default_manager.select_for_update().filter(pk=instance.pk)
        locked = locked.first()
        if locked is None:
            raise ValidationError(
                _("This content no longer exists. Please reload the queue."), code="not_found"
            )
        self.instance = locked

    def read_state(self):
        instance = self.instance
        self.account = instance.author if self.is_content else instance
        self.old_status = self.new_status = instance.status if self.is_content else ""
        self.before = self.after = instance.body_text if self.is_content else ""
        if self.is_content and self.item is None:
            self.item = QueueItem.objects.for_content(instance).open().select_for_update().first()

    def check_state(self):
        """Refuse when the locked content (or account) is in no state for this action."""

    # Writes.

    def change(self):
        """Change the content or the account (the audit entry is written after)."""

    def closes_item(self):
        """Whether this decision closes the content's open queue item."""
        return self.kind in CONTENT_ACTIONS

    def after_audit(self, entry):
        """Further writes once the audit entry exists."""

    def commit(self):
        self.change()
        instance = self.instance
        fields = []
        if self.is_content and self.new_status != self.old_status:
            instance.status = self.new_status
            fields.append("status")
        if self.is_content and self.after != self.before:
            fields += ["body_text", "body_html"]
        if fields:
            instance.save(update_fields=fields)
        entry = self.write_audit()
        self.after_audit(entry)
        item = self.item
        if item is not None and self.closes_item():
            item.decided_at = entry.created_at
            item.decided_by = self.moderator
            item.decision = self.kind
            item.save(update_fields=["decided_at", "decided_by", "decision"])
        if self.is_content and (self.new_status != self.old_status or self.after != self.before):
            send_after_commit(instance, entry, self.old_status, self.new_status)
        if self.notify_author and self.account is not None:
            email_after_commit(self.account, entry)
        return entry

    def write_audit(self):
        instance, is_content = self.instance, self.is_content
        scope, title, _url = registry.place_of(instance) if is_content else ("", "", "")
        return ModerationAction.objects.create(
            moderator=self.moderator,
            account=self.account,
            content_type=content_type_of(instance) if is_content else None,
            object_id=instance.pk if is_content else None,
            kind=registry.kind_of(instance) if is_content else "",
            scope=scope,
            place_title=title[:255],
            action=self.kind,
            reason=self.reason,
            public_reason=self.public_reason,
            before_text=self.before,
            after_text=self.after,
            old_status=self.old_status,
            new_status=self.new_status,
            suspended_until=self.suspended_until,
            queue_item=self.item,
        )

    def trim_item_excerpt(self):
        """The open queue item shows the text as it is now (after a redaction)."""
        if self.item is not None:
            self.item.excerpt = (self.after or "")[:EXCERPT_LENGTH]
            self.item.save(update_fields=["excerpt"])
