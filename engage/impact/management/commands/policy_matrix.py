"""`python manage.py policy_matrix [--dimension CODE] [--area CODE] [--since DATE]
[--until DATE] --format json|csv`: the city matrix, one record per policy area × group,
with the same numbers as the staff page (engage/impact/matrix/data.py)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from engage.communities.models import Dimension
from engage.impact.matrix.data import Filters, build_matrix
from engage.impact.matrix.exports import matrix_csv, matrix_json


def _date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"not a date (YYYY-MM-DD): {text}") from error


class Command(BaseCommand):
    help = "Print the city policy × community matrix as JSON or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--dimension", help="a dimension's code (default: every one)")
        parser.add_argument("--area", help="an area's code for the monitoring signals")
        parser.add_argument("--since", help="assessments created on or after (YYYY-MM-DD)")
        parser.add_argument("--until", help="assessments created on or before (YYYY-MM-DD)")
        parser.add_argument("--format", choices=("json", "csv"), default="json")

    def handle(self, *args, **options):
        dimension = options["dimension"]
        if dimension and not Dimension.objects.filter(slug=dimension).exists():
            raise CommandError(f"no dimension with the code {dimension!r}")
        filters = Filters(
            dimension=dimension or None,
            area=options["area"] or None,
            since=_date(options["since"]) if options["since"] else None,
            until=_date(options["until"]) if options["until"] else None,
        )
        matrix = build_matrix(filters)
        if options["format"] == "csv":
            self.stdout.write(matrix_csv(matrix), ending="")
        else:
            self.stdout.write(matrix_json(matrix))
