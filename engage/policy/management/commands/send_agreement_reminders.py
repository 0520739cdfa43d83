"""python manage.py send_agreement_reminders [--date YYYY-MM-DD]: email the
signatories and responsible officers of agreements whose review or expiry date is near
(run daily)."""

from django.core.management.base import BaseCommand

from engage.commandline import iso_date
from engage.policy.services.reminders import send_agreement_reminders


class Command(BaseCommand):
    help = "Email reminders before information-sharing agreements' review and expiry dates."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=iso_date, help="Pretend today is this date (YYYY-MM-DD)."
        )

    def handle(self, *args, **options):
        sent = send_agreement_reminders(options["date"])
        self.stdout.write(f"{sent} reminder email(s) sent.")
