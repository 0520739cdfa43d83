"""Thread settings, changed by moderators and city staff: locked, pinned, slow mode.

Each change is written to the moderation audit trail
(`engage.moderation.services.record_setting_changes`) and told to the thread's open
pages after commit (`thread.updated`, naming what changed).
"""

import rules
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from engage.moderation import services as moderation

from .live import announce, thread_payload


def update_thread_settings(user, thread, *, is_locked=None, is_pinned=None, slow_mode_minutes=None):
    """Lock or unlock, pin or unpin, and set slow mode (0 turns it off); each change is
    written to the moderation audit trail (`moderation.record_setting_changes`)."""
    if not rules.test_rule("forums.moderate_thread", user, thread):
        raise ValidationError(
            _("Only moderators and city staff can change these thread settings."),
            code="not_moderator",
        )
    fields = []
    before = {
        "is_locked": thread.is_locked,
        "is_pinned": thread.is_pinned,
        "slow_mode_minutes": thread.slow_mode_minutes,
    }
    if is_locked is not None:
        thread.is_locked = bool(is_locked)
        fields.append("is_locked")
    if is_pinned is not None:
        thread.is_pinned = bool(is_pinned)
        fields.append("is_pinned")
    if slow_mode_minutes is not None:
        limit = settings.FORUM_SLOW_MODE_MAX_MINUTES
        if not 0 <= int(slow_mode_minutes) <= limit:
            raise ValidationError(
                _("Slow mode must be between 0 (off) and %(limit)s minutes."),
                code="bad_slow_mode",
                params={"limit": limit},
            )
        thread.slow_mode_minutes = int(slow_mode_minutes)
        fields.append("slow_mode_minutes")
    if fields:
        with transaction.atomic():
            thread.save(update_fields=fields)
            changes = {name: (before[name], getattr(thread, name)) for name in fields}
            moderation.record_setting_changes(user, thread, changes)
            changed = [name for name, (old, new) in changes.items() if old != new]
            announce(thread.pk, "thread.updated", thread_payload(thread, changed))
    return thread
