"""python manage.py send_impact_reviews [--date YYYY-MM-DD]: email the owners of the
unintended-consequences register's due reviews (run daily)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from engage.impact.register.services import send_review_reminders


class Command(BaseCommand):
    help = "Email each owner the register reviews that are due (once a week per entry)."

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
        sent = send_review_reminders(today)
        self.stdout.write(f"{sent} reminder email(s) sent.")
