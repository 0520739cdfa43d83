"""Background tasks of the exchange (django-tasks)."""

import logging

from django_tasks import task

logger = logging.getLogger("engage.exchange")


@task()
def sync_exchange_feeds():
    """Fetch every subscribed city's feed and stage what is new (the command of the same
    name runs it by hand). Returns {city slug: staged items, or the errors}."""
    from .feeds import sync_all

    summary = {}
    for result in sync_all():
        summary[result.city.slug] = {"staged": result.staged, "errors": result.errors}
        logger.info("exchange: %s staged %s item(s)", result.city.slug, result.staged)
    return summary
