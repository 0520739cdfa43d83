"""Background tasks for exports (django-tasks).

`run_export_job` is enqueued (`receivers.py`) when `services.start_export`'s transaction
commits.
`purge_expired_exports_task` deletes files whose links have expired; enqueue it daily
(cron), like the other housekeeping tasks. Downloads also refuse and delete expired
files on their own, so a missed purge never leaks a file.
"""

import logging

from django_tasks import task

from . import services

logger = logging.getLogger("engage.exports")


@task()
def run_export_job(job_id):
    """Build one export's file; returns its status."""
    job = services.run_export(job_id)
    return job.status if job else None


@task()
def purge_expired_exports_task():
    """Delete expired export files; returns how many went."""
    expired = services.purge_expired_exports()
    logger.info("Deleted %s expired export files.", expired)
    return expired
