"""The daily early-warning evaluation (django-tasks).

Enqueue `evaluate_early_warning_task` once a day (cron or any scheduler), e.g.
``python manage.py shell -c "from engage.monitoring.alerts.tasks import
evaluate_early_warning_task; evaluate_early_warning_task.enqueue()"``, or run
``python manage.py evaluate_early_warning`` from cron directly; a worker
(`manage.py db_worker`) runs the task. Running it more often is harmless: an alert is
raised once per rule, series, scope and week, and the cooldown holds after it.
"""

import datetime
import logging

from django_tasks import task

from . import evaluation
from .serialise import alert_line

logger = logging.getLogger("engage.monitoring.alerts")


@task()
def evaluate_early_warning_task(as_of=None):
    """Evaluate every enabled rule (on `as_of`, an ISO date, default today); returns the
    alerts raised, as the command prints them."""
    day = datetime.date.fromisoformat(as_of) if as_of else None
    result = evaluation.evaluate(day)
    lines = [alert_line(alert) for alert in result]
    logger.info("Early warning evaluated: %s alerts raised", len(lines))
    if result.failed:
        logger.error(
            "Early-warning rules failed and were not evaluated: %s",
            ", ".join(f"{rule.name} (id {rule.pk})" for rule in result.failed),
        )
    return lines
