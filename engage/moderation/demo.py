"""Demo step (seed_demo, after every loader that writes content): the moderation
queue as a city would find it.

The loaders write content with the dates of their YAML files (a comment posted three
days ago), but the queue items they open and the reports residents make are stamped
with the moment the demo is seeded, so every item said "waiting for 0 minutes". Here
each open item waits from when its content was written (pre-moderated), or from a few
hours later when it is in the queue because someone reported it; its reports carry
that moment too. Items that text analysis flags open after the command, when the task
worker has analysed the texts, and keep their own time.

Idempotent: an item is moved only while it was opened more than those few hours after
its content was written, which is never true once it has been moved.
"""

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from .models import QueueItem, QueueSource

# How long after a comment was written the demo's residents report it.
REPORTED_AFTER = timedelta(hours=5)


def load_demo(data_dir, context):
    now = timezone.now()
    waiting = QueueItem.objects.open().filter(
        content_created_at__isnull=False,
        opened_at__gt=F("content_created_at") + REPORTED_AFTER,
    )
    for item in waiting:
        opened = item.content_created_at
        if item.source == QueueSource.REPORTED:
            opened = min(opened + REPORTED_AFTER, now)
        item.opened_at = opened
        item.save(update_fields=["opened_at"])
        item.reports.filter(created_at__gt=opened).update(created_at=opened)
        context.note(True, "queue item dated", item)
