"""Daily task of the register (django-tasks): a scheduler or cron entry enqueues
`send_impact_reviews_task.enqueue()` once a day; `python manage.py send_impact_reviews`
does the same at once."""

from django_tasks import task

from . import services


@task()
def send_impact_reviews_task():
    """Email the owners of due register reviews; returns how many emails."""
    return services.send_review_reminders()
