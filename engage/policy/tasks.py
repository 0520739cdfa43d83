"""Daily task of agreements (django-tasks): a scheduler or cron entry enqueues
`send_agreement_reminders_task.enqueue()` once a day; `python manage.py
send_agreement_reminders` does the same at once. Access never waits for it: an
agreement that expires stops giving access on its expiry date without any task."""

from django_tasks import task

from .services import reminders


@task()
def send_agreement_reminders_task():
    """Email review and expiry reminders; returns how many emails."""
    return reminders.send_agreement_reminders()
