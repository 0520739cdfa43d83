"""Background tasks for people's rights (django-tasks). Enqueue `privacy_daily_task`
daily (cron), like the other housekeeping tasks: it carries out due account deletions,
deletes expired personal data files and applies every retention rule."""

import logging

from django_tasks import task

from . import deletion, exports, retention

logger = logging.getLogger("engage.privacy")


@task()
def build_personal_data_task(job_id):
    """Build one "download my data" file; returns its status."""
    job = exports.build(job_id)
    return job.status if job else None


@task()
def execute_due_deletions_task():
    """Carry out the account deletions whose grace period has ended."""
    done = deletion.execute_due_deletions()
    logger.info("Carried out %s account deletions.", done)
    return done


@task()
def enforce_retention_task():
    """Apply every retention rule; returns {rule key: rows deleted or anonymised}."""
    return retention.enforce_retention()


@task()
def privacy_daily_task():
    """The daily run: due deletions, stalled and expired personal data files, retention."""
    return {
        "deletions": deletion.execute_due_deletions(),
        "stalled_downloads_built": exports.build_stalled(),
        "expired_downloads": exports.purge_expired(),
        "retention": retention.enforce_retention(),
    }
