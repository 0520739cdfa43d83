"""Sanctions on an account (or on the author of content): warn, suspend, ban."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ...models import ActionKind
from ..common import MAX_SUSPEND_DAYS, profile_of
from .base import ModeratorAction


class AccountAction(ModeratorAction):
    """Changes the account's ModerationProfile; the content is left as it is."""

    notify_author = True
    public_reason_required = True

    def check_state(self):
        if self.account is None:
            raise ValidationError(
                _("This content has no author account any more, so there is nobody to act on."),
                code="no_author",
            )

    def change(self):
        profile = profile_of(self.account, lock=True)
        self.sanction(profile)
        profile.save()

    def sanction(self, profile):
        raise NotImplementedError


class WarnAction(AccountAction):
    kind = ActionKind.WARN

    def sanction(self, profile):
        profile.warning_count += 1


class SuspendAction(AccountAction):
    """No posting for `suspend_days` days (1 to MAX_SUSPEND_DAYS)."""

    kind = ActionKind.SUSPEND

    def check_input(self):
        super().check_input()
        try:
            days = int(self.suspend_days)
        except (TypeError, ValueError):
            days = 0
        if not 1 <= days <= MAX_SUSPEND_DAYS:
            raise ValidationError(
                _("Please give a suspension of between 1 and %(max)s days."),
                code="suspend_days",
                params={"max": MAX_SUSPEND_DAYS},
            )
        self.suspend_days = days

    def sanction(self, profile):
        self.suspended_until = timezone.now() + datetime.timedelta(days=self.suspend_days)
        profile.suspended_until = self.suspended_until


class BanAction(AccountAction):
    kind = ActionKind.BAN

    def sanction(self, profile):
        profile.banned_at = profile.banned_at or timezone.now()
