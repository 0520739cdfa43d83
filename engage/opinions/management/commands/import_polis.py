"""`python manage.py import_polis DIR --into SCOPE [--replace]`"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from engage.opinions.polis_import import MapExists, PolisImportError, import_polis
from engage.opinions.scopes import parse_target


class Command(BaseCommand):
    help = (
        "Import a Pol.is open-data export folder (comments.csv and votes.csv, "
        "participants-votes.csv optional) into an opinion map. SCOPE is consultation:<id>, "
        "forum:<id>, map:<id> or new:<title> (prints the new map's scope last). Nothing is "
        "imported if the folder has any problem."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="The export folder.")
        parser.add_argument("--into", required=True, help="Where the map goes (see above).")
        parser.add_argument(
            "--replace", action="store_true", help="Replace the map already at that scope."
        )

    def handle(self, *args, **options):
        try:
            target = parse_target(options["into"], allow_new=True)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if target.map_id is not None and target.existing() is None:
            raise CommandError(
                _("There is no standalone map %(id)s. Use new:<title> to create one.")
                % {"id": target.map_id}
            )
        directory = Path(options["directory"])
        if not directory.is_dir():
            raise CommandError(
                _("There is no folder at %(path)s. Check the path.") % {"path": directory}
            )
        try:
            opinion_map = import_polis(directory, target, replace=options["replace"])
        except PolisImportError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("Nothing was imported: %(count)s problem(s). Fix them and run the import again.")
                % {"count": len(error.problems)}
            ) from error
        except MapExists as error:
            raise CommandError(
                _(
                    "%(scope)s already has an opinion map. Add --replace to replace it "
                    "(its statements, votes and snapshots are deleted)."
                )
                % {"scope": options["into"]}
            ) from error
        counts = {
            "statements": opinion_map.statements.count(),
            "participants": opinion_map.participants.count(),
        }
        self.stderr.write(
            _("Imported %(statements)s statements and %(participants)s participants.") % counts
        )
        self.stdout.write(opinion_map.scope_string)
