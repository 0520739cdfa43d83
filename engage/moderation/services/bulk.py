"""Deciding many queue items at once: all or nothing."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..models import QueueItem
from .actions import moderate


@dataclass
class BulkResult:
    """What `bulk_moderate` did: the actions taken, and (item, error) for the items that
    could not be decided. Bulk decisions are all or nothing: when `failed` is not empty,
    `done` is empty and `undone` counts the items whose decision was rolled back."""

    done: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    undone: int = 0


def resolve_items(items):
    """(original, content) for a list of content instances and/or QueueItems."""
    resolved = []
    for item in items:
        if isinstance(item, QueueItem):
            content = item.content
            resolved.append((item, content))
        else:
            resolved.append((item, item))
    return resolved


def bulk_moderate(moderator, items, action, **kwargs):
    """`moderate()` every one of `items` (content instances or QueueItems) in ONE
    transaction: all or nothing.

    Every item is tried (each in a savepoint, so all the failures can be reported at
    once); if any fails, the whole transaction is rolled back, none of the decisions nor
    their after-commit steps (emails, broadcasts) happen, `done` is empty and `undone`
    says how many decisions were undone. Returns a BulkResult.
    """
    result = BulkResult()
    with transaction.atomic():
        for original, content in resolve_items(items):
            if content is None:
                gone = ValidationError(
                    _("This content no longer exists. Please reload the queue."),
                    code="not_found",
                )
                result.failed.append((original, gone))
                continue
            try:
                result.done.append(moderate(moderator, content, action, **kwargs))
            except (ValidationError, PermissionDenied) as error:
                result.failed.append((original, error))
        if result.failed:
            transaction.set_rollback(True)
            result.undone, result.done = len(result.done), []
    return result
