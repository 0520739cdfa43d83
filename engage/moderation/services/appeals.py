"""Appeals against moderators' decisions, decided by a different moderator."""

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.after_commit import on_commit_safely
from engage.tasks import send_email_in_language

from ..models import Appeal
from ..rules import made_the_appeal, took_the_action
from .actions import ReverseAction
from .common import APPEAL_MAX_LENGTH


def appeal(user, action, text):
    """`user` appeals `action`, which affected them. Returns the Appeal.

    ValidationError codes: "already_appealed", "text_required", "text_too_long";
    PermissionDenied when the action did not affect `user` or cannot be appealed.
    """
    if not rules.test_rule("moderation.appeal", user, action):
        raise PermissionDenied(
            _("You can only appeal moderation decisions about your own contributions.")
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError(
            _("Please explain why you think the decision should change."), code="text_required"
        )
    if len(text) > APPEAL_MAX_LENGTH:
        raise ValidationError(
            _("Your appeal is %(length)s characters long. Please keep it to %(limit)s or fewer."),
            code="text_too_long",
            params={"length": len(text), "limit": APPEAL_MAX_LENGTH},
        )
    already = ValidationError(
        _(
            "You have already appealed this decision. A moderator will look at it and "
            "email you the outcome."
        ),
        code="already_appealed",
    )
    if Appeal.objects.filter(action=action).exists():
        raise already
    try:
        with transaction.atomic():
            return Appeal.objects.create(action=action, appellant=user, text=text)
    except IntegrityError:
        raise already from None


def _check_decider(moderator, appeal):
    if rules.test_rule("moderation.decide_appeal", moderator, appeal):
        return
    if took_the_action(moderator, appeal) or made_the_appeal(moderator, appeal):
        raise ValidationError(
            _(
                "You took this decision or made this appeal, so a different moderator "
                "has to decide it."
            ),
            code="same_moderator",
        )
    raise PermissionDenied(_("Only moderators with two-factor authentication can do this."))


def decide_appeal(moderator, appeal, uphold, note):
    """A moderator other than the one who acted decides `appeal`.

    `uphold=True`: the original decision stands. `uphold=False`: it is reversed (content
    restored, suspension or ban lifted; `ReverseAction`) and the reversal is written to
    the audit trail. The appellant is emailed the outcome in their language.
    """
    _check_decider(moderator, appeal)
    note = (note or "").strip()
    if not note:
        raise ValidationError(
            _("Please explain the decision; the person who appealed will read it."),
            code="note_required",
        )
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
        if not appeal.is_open:
            raise ValidationError(
                _("This appeal has already been decided. Nothing was changed."),
                code="already_decided",
            )
        if not uphold:
            appeal.reversal = ReverseAction(moderator, appeal.action, note).execute()
        appeal.decided_by = moderator
        appeal.decided_at = timezone.now()
        appeal.upheld = bool(uphold)
        appeal.decision_note = note
        appeal.save()
        _email_outcome_after_commit(appeal, note)
    return appeal


def _email_outcome_after_commit(appeal, note):
    context = {
        "upheld": appeal.upheld,
        "note": note,
        "action": appeal.action.action,
        "place_title": appeal.action.place_title,
    }
    appellant_id = appeal.appellant_id
    on_commit_safely(
        lambda: send_email_in_language.enqueue(
            appellant_id,
            "moderation/email/appeal_subject.txt",
            "moderation/email/appeal_body.txt",
            context,
        ),
        "email the appeal decision",
    )
