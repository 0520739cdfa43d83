"""`python manage.py import_recorded_hate_crime FILE.csv` (format in
engage/monitoring/incidents/recorded_crime.py and docs/monitoring.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from engage.monitoring.incidents.recorded_crime import import_recorded_hate_crime


class Command(BaseCommand):
    help = (
        "Import police-recorded hate crime counts from a long-format CSV (area_code, "
        "period as 2026-03 or 2026-W10, category, count). Nothing is imported if any row "
        "has a problem; every problem is listed with its line."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("There is no file at %(path)s. Check the path.") % {"path": path})
        result = import_recorded_hate_crime(path)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(f"{path.name}: {error}")
            raise CommandError(
                _(
                    "Nothing was imported: %(count)s problem(s) in %(file)s. Fix them and run "
                    "the import again."
                )
                % {"count": len(result.errors), "file": path.name}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported %(added)s recorded counts (%(replaced)s replaced earlier figures).")
                % result.created
            )
        )
