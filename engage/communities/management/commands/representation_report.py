"""`python manage.py representation_report --scope SCOPE [--baseline AREA_CODE]
[--dimension SLUG] [--exclude SLUG ...] --format json|csv`

Prints the publishable (small-cell suppressed) report; never raw counts.
"""

import csv
import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from engage.communities.representation import (
    CSV_COLUMNS,
    publishable_rows,
    representation_report,
)
from engage.communities.scopes import Scope


class Command(BaseCommand):
    help = "Print the representation report for a scope, with small cells suppressed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scope",
            required=True,
            help="consultation:<id>, proposal:<id>, forum:<id>, session:<id>, area:<code> or city",
        )
        parser.add_argument("--baseline", help="The area code whose baseline to compare with.")
        parser.add_argument("--dimension", help="Report on this dimension (its code) only.")
        parser.add_argument(
            "--exclude",
            action="append",
            default=[],
            help="A baseline category to leave out (dimension:code or code); repeatable.",
        )
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args, **options):
        try:
            scope = Scope.parse(options["scope"])
            report = representation_report(
                scope,
                dimension=options["dimension"],
                baseline_area=options["baseline"],
                exclude_categories=options["exclude"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        published = report.publishable()
        if options["format"] == "json":
            self.stdout.write(json.dumps(published, indent=2, ensure_ascii=False))
            return
        writer = csv.DictWriter(
            self.stdout, fieldnames=[key for key, _label in CSV_COLUMNS], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(publishable_rows(published))
