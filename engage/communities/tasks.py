"""Background tasks for community data (django-tasks).

`purge_expired_declarations_task` is meant to run daily (a cron entry or scheduler
enqueues it: `purge_expired_declarations_task.enqueue()`); it deletes the
self-declarations of people who have not taken part for `DECLARATION_RETENTION_DAYS`.
"""

import logging

from django_tasks import task

from . import services

logger = logging.getLogger("engage.communities")


@task()
def purge_expired_declarations_task():
    """Delete declarations past their retention period; returns how many went."""
    deleted = services.purge_expired_declarations()
    logger.info("Purged %s expired self-declarations.", deleted)
    return deleted
