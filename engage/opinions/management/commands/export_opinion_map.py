"""`python manage.py export_opinion_map --scope SCOPE DIR`"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from engage.opinions.polis_export import export_map
from engage.opinions.scopes import map_for


class Command(BaseCommand):
    help = (
        "Write an opinion map in Pol.is' open-data format (comments.csv, votes.csv, "
        "participants-votes.csv, summary.csv) into DIR, anonymised: fresh sequential ids, "
        "no accounts."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="The folder to write (created if needed).")
        parser.add_argument(
            "--scope", required=True, help="consultation:<id>, forum:<id> or map:<id>"
        )

    def handle(self, *args, **options):
        try:
            opinion_map = map_for(options["scope"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        paths = export_map(opinion_map, options["directory"])
        self.stdout.write(
            _("Wrote %(files)s files to %(dir)s.")
            % {"files": len(paths), "dir": options["directory"]}
        )
