"""`python manage.py opinion_map --scope SCOPE --format json [--groups-from FILE] [--seed N]`"""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from engage.opinions.polis_import import PolisImportError, read_polis_groups
from engage.opinions.scopes import map_for
from engage.opinions.services import compute_result

CONTRACT_KEYS = (
    "participants",
    "in_conversation",
    "groups",
    "consensus",
    "group_informed_consensus",
)


class Command(BaseCommand):
    help = (
        "Compute an opinion map's groups, representative statements, consensus and "
        "group-informed consensus from its votes and print them as JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scope", required=True, help="consultation:<id>, forum:<id> or map:<id>"
        )
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument(
            "--groups-from",
            help="A Pol.is participants-votes.csv whose group-id column is used as the "
            "grouping instead of clustering (blank: outside every group).",
        )
        parser.add_argument("--seed", type=int, help="Clustering seed (default: the map's).")

    def handle(self, *args, **options):
        try:
            opinion_map = map_for(options["scope"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        groups = None
        if options["groups_from"]:
            try:
                groups = read_polis_groups(options["groups_from"])
            except PolisImportError as error:
                raise CommandError(str(error)) from error
        if options["seed"] is not None and options["seed"] < 0:
            raise CommandError(_("The seed must be a whole number of 0 or more."))
        try:
            result = compute_result(opinion_map, seed=options["seed"], groups=groups)
        except KeyError as error:
            raise CommandError(
                _("%(file)s names participant %(id)s, who has not voted on this map.")
                % {"file": options["groups_from"], "id": error.args[0]}
            ) from error
        output = {key: result[key] for key in CONTRACT_KEYS}
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))
