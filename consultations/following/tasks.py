"""Daily notification tasks (django-tasks).

Schedule `daily_notifications_task` once a day, as the representation alerts are (see
docs/consultations.md, "Following and notifications"):
``python manage.py shell -c "from consultations.following.tasks import
daily_notifications_task; daily_notifications_task.enqueue()"``; a worker
(`manage.py db_worker`) runs it. Running it more often is harmless: every notification
has a unique key, so each person hears about each event once.
"""

import logging

from django_tasks import task

from . import services

logger = logging.getLogger("engage.following")


@task()
def outcome_published_task(consultation_id):
    """Tell the followers of one consultation that its outcome is out (enqueued after
    commit when the page is published with an outcome). Safe to rerun: each follower
    hears once. Returns how many were notified by this run."""
    from consultations.models import ConsultationPage

    consultation = ConsultationPage.objects.filter(pk=consultation_id).first()
    if consultation is None:
        return 0
    return services.notify_outcome_published(consultation)


@task()
def closing_soon_task():
    """Tell followers of consultations closing within CLOSING_SOON_DAYS, once each."""
    return services.notify_closing_soon()


@task()
def outcomes_task():
    """Tell followers about outcomes that became public (scheduled publication)."""
    return services.notify_recent_outcomes()


@task()
def daily_digest_task():
    """Send each person who chose the daily digest their pending notifications."""
    return services.send_daily_digests()


@task()
def daily_notifications_task():
    """All three daily jobs, in order, so the digest includes today's new rows."""
    result = {
        "closing_soon": services.notify_closing_soon(),
        "outcomes": services.notify_recent_outcomes(),
        "digests": services.send_daily_digests(),
    }
    logger.info("Daily notifications: %s", result)
    return result
