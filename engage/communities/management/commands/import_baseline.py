"""`python manage.py import_baseline FILE.csv [--create-missing] [--source TEXT] [--year N]`"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from engage.communities.importers import import_baseline


class Command(BaseCommand):
    help = (
        "Import population baselines from a long-format CSV (area_code, area_name, "
        "dimension, category, and count or share_pct). Nothing is imported if any row "
        "has a problem; every problem is listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file.")
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="Create dimensions and categories the file names that do not exist yet.",
        )
        parser.add_argument("--source", default="", help="Where the figures come from.")
        parser.add_argument("--year", type=int, default=None, help="The year they describe.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("There is no file at %(path)s. Check the path.") % {"path": path})
        result = import_baseline(
            path,
            create_missing=options["create_missing"],
            source_text=options["source"] or path.name,
            year=options["year"],
            file_name=path.name,
        )
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
        for note in result.notes:
            self.stdout.write(str(note))
        created = result.created
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Imported %(shares)s baseline shares (%(areas)s new areas, "
                    "%(dimensions)s new dimensions, %(categories)s new categories)."
                )
                % created
            )
        )
