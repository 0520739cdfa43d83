"""Audit entries for the settings of a discussion (forum threads: lock, pin, slow mode)."""

from django.utils.translation import gettext, ngettext

from .. import registry
from ..models import ActionKind, ModerationAction
from .common import content_type_of

SETTING_ACTIONS = {
    "is_locked": (ActionKind.UNLOCK, ActionKind.LOCK),
    "is_pinned": (ActionKind.UNPIN, ActionKind.PIN),
}


def record_setting_changes(moderator, instance, changes):
    """Write one audit entry per changed setting of `instance` (a registered content
    object, e.g. a forum thread): `changes` maps "is_locked", "is_pinned" or
    "slow_mode_minutes" to (old, new). Unchanged settings are skipped. Call it inside the
    transaction that saves the change, so the trail and the setting never disagree.
    Returns the entries."""
    scope, title, _url = registry.place_of(instance)
    entries = []
    for setting, (old, new) in changes.items():
        if old == new:
            continue
        if setting in SETTING_ACTIONS:
            action = SETTING_ACTIONS[setting][bool(new)]
            before, after = "", ""
        else:
            action = ActionKind.SLOW_MODE
            before, after = _minutes(old), _minutes(new)
        entries.append(
            ModerationAction.objects.create(
                moderator=moderator,
                account=getattr(instance, "author", None),
                content_type=content_type_of(instance),
                object_id=instance.pk,
                kind=registry.kind_of(instance),
                scope=scope,
                place_title=title[:255],
                action=action,
                before_text=before,
                after_text=after,
                old_status=instance.status,
                new_status=instance.status,
            )
        )
    return entries


def _minutes(value):
    """Slow mode as the audit trail shows it: "off" or "10 minutes" (site language)."""
    value = int(value or 0)
    if not value:
        return gettext("off")
    return ngettext("%(count)s minute", "%(count)s minutes", value) % {"count": value}
