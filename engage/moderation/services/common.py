"""Limits and small helpers shared by the moderation services."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.utils import formats, timezone

from ..models import ModerationProfile

NOTE_MAX_LENGTH = 1000
APPEAL_MAX_LENGTH = 2000
EXCERPT_LENGTH = 300
MAX_SUSPEND_DAYS = 365
# QueueItem.decision when the author withdrew the content before a moderator decided.
WITHDRAWN_DECISION = "withdrawn"

# One logger for the whole package, under the name it always had.
logger = logging.getLogger("engage.moderation.services")


def content_type_of(instance):
    return ContentType.objects.get_for_model(instance)


def profile_of(user, *, lock=False):
    """The ModerationProfile of `user`, created when missing (locked when `lock`)."""
    profile, _created = ModerationProfile.objects.get_or_create(user=user)
    if lock:
        profile = ModerationProfile.objects.select_for_update().get(pk=profile.pk)
    return profile


def local_moment(moment):
    """A moment as the reader's local date and time, in the active language."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
