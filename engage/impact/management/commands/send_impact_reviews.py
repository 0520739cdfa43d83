"""python manage.py send_impact_reviews [--date YYYY-MM-DD]: email the owners of the
unintended-consequences register's due reviews (run daily)."""

from django.core.management.base import BaseCommand

from engage.commandline import iso_date
from engage.impact.register.services import send_review_reminders


class Command(BaseCommand):
    help = "Email each owner the register reviews that are due (once a week per entry)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=iso_date, help="Pretend today is this date (YYYY-MM-DD)."
        )

    def handle(self, *args, **options):
        sent = send_review_reminders(options["date"])
        self.stdout.write(f"{sent} reminder email(s) sent.")
