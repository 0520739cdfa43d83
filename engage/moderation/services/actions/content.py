"""Decisions on content: approve, hide, remove, redact, and the automatic hide.

    approve   pending | hidden → published; published with an open queue item → published
    hide      pending | published → hidden; hidden with an open queue item → hidden
    remove    pending | published | hidden → removed
    redact    pending | published | hidden → same status, text edited

`removed` is final for moderators: no action makes removed content visible again (only
an appeal can, see `ReverseAction`). Withdrawn content belongs to its author and is not
moderated.
"""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from ... import registry
from ...content import ContentStatus
from ...models import ActionKind, ModerationProfile
from ...text import clean_comment_text
from ..common import profile_of
from .base import ModeratorAction

PENDING, PUBLISHED = ContentStatus.PENDING, ContentStatus.PUBLISHED
HIDDEN, REMOVED = ContentStatus.HIDDEN, ContentStatus.REMOVED


class ContentAction(ModeratorAction):
    """An action a moderator takes on content, moving it along `transitions`."""

    # status before → status after
    transitions = {}
    # The status from which the action only makes sense as a decision on an open queue
    # item (dismissing reports, confirming a hide).
    needs_open_item_from = None

    def check_state(self):
        status = self.instance.status
        if status == REMOVED:
            raise ValidationError(
                _(
                    "This content has already been removed, and removal is final. Nothing "
                    "was changed."
                ),
                code="removed",
            )
        if status == ContentStatus.WITHDRAWN:
            raise ValidationError(
                _("The author has withdrawn this, so there is nothing to moderate."),
                code="withdrawn",
            )
        if status not in self.transitions or (
            status == self.needs_open_item_from and self.item is None
        ):
            raise ValidationError(
                _("This is already %(status)s, so there is nothing to do."),
                code="nothing_to_do",
                params={"status": ContentStatus(status).label},
            )

    def change(self):
        self.new_status = self.transitions[self.instance.status]


class ApproveAction(ContentAction):
    kind = ActionKind.APPROVE
    transitions = {PENDING: PUBLISHED, HIDDEN: PUBLISHED, PUBLISHED: PUBLISHED}
    needs_open_item_from = PUBLISHED

    def after_audit(self, entry):
        # Approved contributions count towards the author being trusted.
        if self.old_status == PENDING and self.account is not None:
            profile_of(self.account)
            ModerationProfile.objects.filter(user=self.account).update(
                approved_count=F("approved_count") + 1
            )


class HideAction(ContentAction):
    kind = ActionKind.HIDE
    transitions = {PENDING: HIDDEN, PUBLISHED: HIDDEN, HIDDEN: HIDDEN}
    needs_open_item_from = HIDDEN
    notify_author = True
    public_reason_required = True


class RemoveAction(ContentAction):
    kind = ActionKind.REMOVE
    transitions = {PENDING: REMOVED, PUBLISHED: REMOVED, HIDDEN: REMOVED}
    notify_author = True
    public_reason_required = True


class RedactAction(ContentAction):
    """Take personal data out of the text; the status stays as it is."""

    kind = ActionKind.REDACT
    transitions = {PENDING: PENDING, PUBLISHED: PUBLISHED, HIDDEN: HIDDEN}
    notify_author = True

    def check_state(self):
        super().check_state()
        redacted = self.redacted_text
        if redacted is None or not str(redacted).strip():
            raise ValidationError(
                _("Please give the text with the personal data taken out."),
                code="redacted_required",
            )
        if str(redacted) == self.instance.body_text:
            raise ValidationError(
                _(
                    "The redacted text is the same as the original. Please edit out the "
                    "personal data."
                ),
                code="redacted_unchanged",
            )
        self.cleaned = clean_comment_text(str(redacted))

    def change(self):
        super().change()
        instance = self.instance
        text, html = self.cleaned
        instance.body_text, instance.body_html = text, html
        self.after = text
        registration = registry.registration_for(instance)
        if registration.purge_history is not None:
            registration.purge_history(instance)
        if not self.public_reason:
            self.public_reason = str(_("Personal data was removed from it."))

    def closes_item(self):
        # A redaction of content that stays invisible is not a decision on it: the item
        # stays open so a moderator can still approve, hide or remove it.
        return self.new_status not in (PENDING, HIDDEN)

    def after_audit(self, entry):
        # The personal data taken out must not linger in the queue.
        self.trim_item_excerpt()


class AutoHideAction(ModeratorAction):
    """Recorded by the system when enough people report published content: hidden until
    a moderator decides. The caller (`report_content`) holds the content's lock."""

    kind = ActionKind.AUTO_HIDE
    automatic = True

    def lock(self):
        """The report already locked the content."""

    def change(self):
        self.new_status = HIDDEN
