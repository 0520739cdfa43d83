"""Keeping the moderation queue in step with resident content.

Content services call these inside the transaction of their own write:

    content_created(item)      # counts the contribution; pending content joins the queue
    content_edited(item)       # the open queue item shows the new text
    content_withdrawn(item)    # the open queue item closes, its excerpt blanked

`flag_content` puts content in the queue for analysis (insights) without hiding it.
(`engage.moderation.queue` holds the reads of the queue; this module its writes.)
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .. import registry
from ..content import ContentStatus
from ..models import ModerationProfile, QueueItem, QueueSource, ReportReason
from .common import EXCERPT_LENGTH, WITHDRAWN_DECISION, content_type_of, profile_of


def open_item(instance, source, *, lock=True):
    """(the open queue item of `instance`, created?): created with `source` when there
    is none."""
    content_type = content_type_of(instance)
    items = QueueItem.objects.filter(
        content_type=content_type, object_id=instance.pk, decided_at__isnull=True
    )
    if lock:
        items = items.select_for_update()
    item = items.first()
    if item is not None:
        return item, False
    scope, title, url = registry.place_of(instance)
    try:
        with transaction.atomic():
            item = QueueItem.objects.create(
                content_type=content_type,
                object_id=instance.pk,
                kind=registry.kind_of(instance),
                scope=scope,
                place_title=title[:255],
                url=url[:500],
                language=instance.language or "",
                author_id=instance.author_id,
                excerpt=(instance.body_text or "")[:EXCERPT_LENGTH],
                source=source,
                content_created_at=instance.created_at,
            )
    except IntegrityError:
        # Someone opened it at the same moment: use theirs.
        item = QueueItem.objects.select_for_update().get(
            content_type=content_type, object_id=instance.pk, decided_at__isnull=True
        )
        return item, False
    return item, True


def content_created(instance):
    """Call right after creating resident content, inside the same transaction.

    Counts the contribution (published ones count towards being trusted) and puts
    pending content in the moderation queue.
    """
    if instance.author_id is not None:
        profile_of(instance.author)
        updates = {"contribution_count": F("contribution_count") + 1}
        if instance.status == ContentStatus.PUBLISHED:
            updates["approved_count"] = F("approved_count") + 1
        ModerationProfile.objects.filter(user_id=instance.author_id).update(**updates)
    if instance.status == ContentStatus.PENDING:
        open_item(instance, QueueSource.PRE_MODERATION, lock=False)


def content_edited(instance):
    """Call after an author edits their content: the open queue item shows the new text."""
    QueueItem.objects.for_content(instance).open().update(
        excerpt=(instance.body_text or "")[:EXCERPT_LENGTH], language=instance.language or ""
    )


def content_withdrawn(instance):
    """Call after an author withdraws their content, inside the same transaction.

    Withdrawn content is not moderated, so its open queue item is closed (decision
    "withdrawn") and its excerpt blanked: the text the author deleted must not linger.
    """
    QueueItem.objects.for_content(instance).open().update(
        excerpt="", decided_at=timezone.now(), decided_by=None, decision=WITHDRAWN_DECISION
    )


def flag_content(instance, reason, note="", *, categories=()):
    """Put `instance` in the queue because analysis flagged it (insights), without
    hiding it. `categories` (the abuse vocabulary, see FlagCategory) are stored on the
    item and shown to moderators; flagging an open item again adds the new ones (sorted).
    `note` is kept for callers' logs only. Returns the open QueueItem."""
    with transaction.atomic():
        item, _created = open_item(instance, QueueSource.FLAGGED)
        update_fields = []
        if not item.report_reason and reason in ReportReason.values:
            item.report_reason = reason
            update_fields.append("report_reason")
        merged = sorted(set(item.flag_categories or ()) | {str(name) for name in categories})
        if merged != list(item.flag_categories or ()):
            item.flag_categories = merged
            update_fields.append("flag_categories")
        if update_fields:
            item.save(update_fields=update_fields)
    return item
