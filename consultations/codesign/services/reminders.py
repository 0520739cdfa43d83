"""The day-before reminder to everyone with a confirmed place (run hourly by
`manage.py send_codesign_reminders`)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import Rsvp
from .emails import email_on_commit


def send_due_reminders(now=None):
    """Email everyone with a confirmed place at a session starting within
    `CODESIGN_REMINDER_HOURS` (default 24) and not started yet, once each.

    Each RSVP is claimed by an UPDATE that only succeeds while `reminded_at` is empty,
    so overlapping runs (two workers) cannot send a reminder twice. Returns how many
    reminders were sent.
    """
    now = now or timezone.now()
    horizon = now + datetime.timedelta(hours=settings.CODESIGN_REMINDER_HOURS)
    due = Rsvp.objects.filter(
        status=Rsvp.Status.CONFIRMED,
        reminded_at__isnull=True,
        session__starts_at__gt=now,
        session__starts_at__lte=horizon,
    ).select_related("session")
    sent = 0
    for row in due:
        with transaction.atomic():
            claimed = Rsvp.objects.filter(pk=row.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if claimed:
                email_on_commit(row.user_id, "reminder", row.session)
                sent += 1
    return sent
