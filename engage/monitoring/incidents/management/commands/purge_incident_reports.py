"""`python manage.py purge_incident_reports`: delete incident reports older than the
retention period (INCIDENT_RETENTION_DAYS). The daily privacy task does the same
through the retention registry when that setting is configured."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from engage.monitoring.incidents import conf, services


class Command(BaseCommand):
    help = "Delete hate incident reports older than INCIDENT_RETENTION_DAYS."

    def handle(self, *args, **options):
        deleted = services.purge_expired_reports()
        self.stdout.write(
            _("Deleted %(count)s incident report(s) older than %(days)s days.")
            % {"count": deleted, "days": conf.retention_days()}
        )
