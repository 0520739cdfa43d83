"""Staff alerts: consultations that have been open a week with a group missing.

`consultations_needing_alert()` finds consultations open for at least
`REPRESENTATION_ALERT_AFTER_DAYS` (default 7) with a group flagged under-represented or
absent in their representation report. `send_representation_alerts()` emails every
member of the "City staff" group about each of them (in each person's language, through
`engage.tasks.send_email_in_language`), at most once per consultation per day: an
atomic `cache.add` on a per-consultation, per-day key remembers what was sent, so two
workers running at once cannot both send.

Schedule `representation_alerts_task` daily (cron or any scheduler):
``python manage.py shell -c "from engage.communities.alerts import
representation_alerts_task; representation_alerts_task.enqueue()"``; a worker
(`manage.py db_worker`) runs it. Running it more often is harmless.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from engage.accounts.rules import CITY_STAFF
from engage.after_commit import on_commit_safely
from engage.links import absolute_url
from engage.tasks import send_email_in_language

from .models import ScopeType
from .representation import BaselineNotFound, Flag, representation_report
from .scopes import Scope, open_since

logger = logging.getLogger("engage.communities")

ALERT_FLAGS = (Flag.UNDER, Flag.ABSENT)
SENT_KEY = "engage:representation-alert:{consultation}:{day}"


def alert_after_days():
    return settings.REPRESENTATION_ALERT_AFTER_DAYS


def flagged_groups(report):
    """[(dimension name, group name, flag label)] of groups under-represented or absent."""
    return [
        (str(dimension.name), str(row.name), str(Flag.labels[row.flag]))
        for dimension in report.dimensions
        for row in dimension.rows
        if row.flag in ALERT_FLAGS
    ]


def consultations_needing_alert(now=None):
    """[(consultation, flagged groups)] for consultations open for at least a week with
    an under-represented or absent group. Consultations without a baseline are skipped."""
    now = now or timezone.now()
    week_old = open_since(
        ScopeType.CONSULTATION, now - datetime.timedelta(days=alert_after_days()), now
    )
    found = []
    for consultation in week_old:
        try:
            report = representation_report(Scope("consultation", str(consultation.pk)))
        except BaselineNotFound:
            continue
        groups = flagged_groups(report)
        if groups:
            found.append((consultation, groups))
    return found


def staff_recipients():
    """Active members of the "City staff" group with an email address."""
    return (
        get_user_model()
        .objects.filter(groups__name=CITY_STAFF, is_active=True, email__gt="")
        .distinct()
    )


def send_representation_alerts(now=None):
    """Alert city staff about each consultation needing it, once per consultation per
    day. Returns the consultations alerted about."""
    now = now or timezone.now()
    day = timezone.localdate(now).isoformat()
    recipients = list(staff_recipients().values_list("pk", flat=True))
    alerted = []
    for consultation, groups in consultations_needing_alert(now):
        key = SENT_KEY.format(consultation=consultation.pk, day=day)
        # add() is atomic: only the first caller today gets True.
        if not cache.add(key, now.isoformat(), timeout=2 * 24 * 3600):
            continue
        context = {
            "consultation_title": consultation.title,
            "days_open": (now - consultation.opens_at).days,
            "groups": [
                {"dimension": dimension, "group": group, "flag": flag}
                for dimension, group, flag in groups
            ],
            "dashboard_url": absolute_url(
                reverse("engage_representation:dashboard")
                + f"?scope=consultation:{consultation.pk}"
            ),
        }
        for user_id in recipients:
            on_commit_safely(
                lambda user_id=user_id, context=context: send_email_in_language.enqueue(
                    user_id,
                    "communities/admin/email/representation_alert_subject.txt",
                    "communities/admin/email/representation_alert_body.txt",
                    context,
                ),
                "email a representation alert",
            )
        logger.info(
            "Representation alert for consultation %s sent to %s staff",
            consultation.pk,
            len(recipients),
        )
        alerted.append(consultation)
    return alerted


@task()
def representation_alerts_task():
    """Daily: alert staff about consultations open a week with a group missing."""
    return [consultation.pk for consultation in send_representation_alerts()]
