"""Retention: every personal table keeps rows for settings.RETENTION_DAYS[key] days.

Each app registers its rules (`registry.register_retention`); `enforce_retention` (run by
the daily task and `manage.py enforce_retention`) applies them all. One failing rule is
logged and does not stop the others. `docs/privacy.md` lists every rule.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import registry

logger = logging.getLogger("engage.privacy")


def period_days(rule):
    """The retention period of `rule`, in days (its own setting, else RETENTION_DAYS)."""
    if rule.setting:
        return int(getattr(settings, rule.setting))
    return settings.RETENTION_DAYS[rule.key]


def cutoff(rule, moment=None):
    return (moment or timezone.now()) - datetime.timedelta(days=period_days(rule))


def enforce_retention(moment=None, only=None):
    """Apply every registered rule (or those named in `only`); returns {key: rows}."""
    results = {}
    for rule in registry.retention_rules():
        if only and rule.key not in only:
            continue
        try:
            with transaction.atomic():
                results[rule.key] = int(rule.apply(cutoff(rule, moment)) or 0)
        except Exception:
            logger.exception("Retention rule %s failed", rule.key)
            results[rule.key] = None
    logger.info("Retention applied: %s", results)
    return results


def deleted(queryset):
    """Delete `queryset` and return how many rows of its own model went."""
    _total, per_model = queryset.delete()
    return per_model.get(queryset.model._meta.label, 0)
