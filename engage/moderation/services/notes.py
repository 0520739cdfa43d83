"""Moderators' notes on accounts, for moderators only."""

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import AccountNote
from .common import APPEAL_MAX_LENGTH


def add_note(moderator, account, text):
    """A moderator's note on `account`, for moderators only. Returns the AccountNote."""
    if not rules.test_rule("moderation.view_notes", moderator):
        raise PermissionDenied(_("Only moderators with two-factor authentication can do this."))
    if account is not None and account.pk == moderator.pk:
        raise ValidationError(
            _("You cannot write moderation notes on your own account."), code="own_account"
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Please write the note before saving it."), code="text_required")
    if len(text) > APPEAL_MAX_LENGTH:
        raise ValidationError(
            _("Your note is %(length)s characters long. Please keep it to %(limit)s or fewer."),
            code="text_too_long",
            params={"length": len(text), "limit": APPEAL_MAX_LENGTH},
        )
    return AccountNote.objects.create(account=account, author=moderator, text=text)
