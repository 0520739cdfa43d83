"""Send the day-before reminders for co-design sessions that are due (run hourly)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from consultations.codesign.services import send_due_reminders


class Command(BaseCommand):
    help = "Email people with a confirmed place a reminder the day before their session, once."

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(_("Reminders sent: %(count)s") % {"count": sent})
