"""`python manage.py import_offline_participation --scope SCOPE FILE.csv`"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from engage.communities.importers import import_offline_participation
from engage.communities.scopes import Scope


class Command(BaseCommand):
    help = (
        "Add anonymous offline participants (a workshop, paper forms) to a scope: one row "
        "per person, a column per dimension code holding the category (blank: not "
        "declared). Nothing is imported if any row has a problem."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file.")
        parser.add_argument(
            "--scope",
            required=True,
            help="consultation:<id>, proposal:<id>, forum:<id> or session:<id>",
        )
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="Create dimensions and categories the file names that do not exist yet.",
        )

    def handle(self, *args, **options):
        try:
            scope = Scope.parse(options["scope"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("There is no file at %(path)s. Check the path.") % {"path": path})
        result = import_offline_participation(
            path, scope, create_missing=options["create_missing"], file_name=path.name
        )
        if not result.ok:
            for error in result.errors:
                self.stderr.write(f"{path.name}: {error}")
            raise CommandError(
                _("Nothing was imported: %(count)s problem(s). Fix them and run the import again.")
                % {"count": len(result.errors)}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Added %(participants)s offline participants to %(scope)s with "
                    "%(declarations)s declarations."
                )
                % {**result.created, "scope": scope}
            )
        )
