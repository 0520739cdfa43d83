"""`python manage.py evaluate_early_warning [--as-of DATE]`

Evaluates every enabled early-warning rule (on DATE, default today) and prints each
alert it raised as one JSON line: {"rule", "scope", "period", "explanation"}. Alerts
already raised (same rule, series, scope and week) or held back by a rule's cooldown are
not printed again. A rule that fails is logged and the others still run; the command
then exits non-zero naming the failed rules (after printing the alerts raised). Meant for a daily cron line (docs/monitoring.md#early-warning).
"""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from engage.monitoring.alerts import evaluation
from engage.monitoring.alerts.serialise import alert_line


def iso_date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            _("“%(value)s” is not a date: write it as YYYY-MM-DD, e.g. 2026-03-02.")
            % {"value": text}
        ) from None


class Command(BaseCommand):
    help = "Evaluate the early-warning rules and print the alerts raised as JSON lines."

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of",
            dest="as_of",
            help="Evaluate as on this day (YYYY-MM-DD) instead of today.",
        )

    def handle(self, *args, **options):
        as_of = iso_date(options["as_of"]) if options["as_of"] else None
        result = evaluation.evaluate(as_of)
        for alert in result:
            self.stdout.write(json.dumps(alert_line(alert), ensure_ascii=False))
        if result.failed:
            raise CommandError(
                _(
                    "These early-warning rules failed and were not evaluated: %(rules)s. "
                    "The other rules were; see the log for the errors."
                )
                % {"rules": ", ".join(f"“{rule.name}” (id {rule.pk})" for rule in result.failed)}
            )
