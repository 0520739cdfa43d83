"""python manage.py send_agreement_reminders [--date YYYY-MM-DD]: email the
signatories and responsible officers of agreements whose review or expiry date is near
(run daily)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from engage.policy.services.reminders import send_agreement_reminders


class Command(BaseCommand):
    help = "Email reminders before information-sharing agreements' review and expiry dates."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(
                    _("--date must be YYYY-MM-DD, for example 2026-03-31.")
                ) from error
        sent = send_agreement_reminders(today)
        self.stdout.write(f"{sent} reminder email(s) sent.")
