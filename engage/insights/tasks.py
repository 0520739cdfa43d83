"""Background analysis of resident texts (django-tasks).

`engage.insights.receivers` enqueues these after commit when registered content is
saved; a worker (`manage.py db_worker`) runs them, tests run them at once. Arguments are
the kind slug and ids (JSON serialisable).
"""

import logging

from django.apps import apps
from django_tasks import task

from . import registry, services

logger = logging.getLogger("engage.insights")


@task()
def analyse_content(kind, object_id):
    """Analyse one text of `kind` (again, if its text changed); returns "analysed",
    "updated" (only visibility or scope changed) or "gone" (deleted meanwhile)."""
    try:
        target = registry.get_target(kind)
    except LookupError:
        logger.warning("Text analysis for unknown kind %s skipped", kind)
        return "unknown"
    return services.analyse_one(target, object_id)


@task()
def analyse_triggered(kind, model_label, object_id):
    """A trigger model of `kind` was saved (a survey response): analyse the texts it
    holds now. Returns how many were analysed."""
    try:
        target = registry.get_target(kind)
        model = apps.get_model(model_label)
    except (LookupError, ValueError):
        logger.warning("Text analysis trigger %s %s skipped", kind, model_label)
        return 0
    instances_of = dict(target.triggers).get(model)
    sender = model._default_manager.filter(pk=object_id).first()
    if instances_of is None or sender is None:
        return 0
    return services.analyse_instances(target, instances_of(sender))
