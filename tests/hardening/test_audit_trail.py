"""Thread lock, pin and slow-mode changes are in the moderation audit trail, and a
moderator with audit entries can be deleted, the entries keeping who acted (issue 11,
item 14)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from engage.moderation.models import ActionKind, AppendOnlyError, ModerationAction
from engage.moderation.services import moderate
from forums import services
from tests import factories
from tests.forums.conftest import start_claim

pytestmark = pytest.mark.django_db


def trail(thread):
    return list(
        ModerationAction.objects.filter(object_id=thread.pk, kind="claim")
        .order_by("pk")
        .values_list("action", "moderator_id", "before_text", "after_text")
    )


def test_lock_pin_and_slow_mode_are_audited(claim, roles):
    mo = roles["moderator"]
    services.update_thread_settings(mo, claim, is_locked=True, is_pinned=True)
    services.update_thread_settings(mo, claim, slow_mode_minutes=10)
    services.update_thread_settings(roles["staff"], claim, is_locked=False, slow_mode_minutes=0)
    staff = roles["staff"].pk
    assert trail(claim) == [
        (ActionKind.LOCK, mo.pk, "", ""),
        (ActionKind.PIN, mo.pk, "", ""),
        (ActionKind.SLOW_MODE, mo.pk, "off", "10 minutes"),
        (ActionKind.UNLOCK, staff, "", ""),
        (ActionKind.SLOW_MODE, staff, "10 minutes", "off"),
    ]
    entry = ModerationAction.objects.get(action=ActionKind.LOCK)
    assert entry.account == claim.author and entry.moderator_label == "Mo"
    assert entry.place_title


def test_settings_left_as_they_were_are_not_audited(claim, roles):
    services.update_thread_settings(roles["moderator"], claim, is_locked=False, is_pinned=False)
    assert trail(claim) == []


def test_refused_changes_write_nothing(claim, roles):
    with pytest.raises(ValidationError):
        services.update_thread_settings(roles["resident"], claim, is_locked=True)
    with pytest.raises(ValidationError):
        services.update_thread_settings(
            roles["moderator"], claim, is_pinned=True, slow_mode_minutes=-1
        )
    claim.refresh_from_db()
    assert not claim.is_pinned and trail(claim) == []


def test_a_moderator_with_audit_entries_can_be_deleted(claim, roles):
    moderator = roles["moderator"]
    moderate(moderator, claim, ActionKind.HIDE, reason="Rumour", public_reason="Unfounded")
    services.update_thread_settings(moderator, claim, is_locked=True)
    entries = list(
        ModerationAction.objects.filter(moderator=moderator).values_list("pk", flat=True)
    )
    assert len(entries) == 2

    moderator.delete()

    kept = ModerationAction.objects.filter(pk__in=entries)
    assert kept.count() == 2
    assert set(kept.values_list("moderator_id", flat=True)) == {None}
    assert {str(entry) for entry in kept} == {"Hide by Mo", "Lock the thread by Mo"}
    assert {entry.moderator_name for entry in kept} == {"Mo"}
    # Still append-only for everyone else.
    with pytest.raises(AppendOnlyError):
        kept.first().delete()


def test_the_migration_labels_existing_entries(claim, roles):
    """Entries written before the label existed get it from the moderator's name."""
    from importlib import import_module

    from django.db.migrations.loader import MigrationLoader

    name = "0002_moderator_label_set_null"
    apps = MigrationLoader(connection).project_state(("moderation", name)).apps

    moderator = roles["moderator"]
    entry = moderate(moderator, claim, ActionKind.HIDE, reason="Rumour", public_reason="No")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE moderation_moderationaction SET moderator_label = '' WHERE id = %s",
            [entry.pk],
        )
    migration = import_module(f"engage.moderation.migrations.{name}")
    migration.label_existing_entries(apps, None)
    assert ModerationAction.objects.get(pk=entry.pk).moderator_label == "Mo"
    nameless = factories.with_totp(factories.moderator(display_name=""))
    other = start_claim(roles["resident"], claim.forum, title="Another rumour to look at")
    second = services.update_thread_settings(nameless, other, is_pinned=True)
    assert ModerationAction.objects.get(object_id=second.pk).moderator_label == (
        f"Resident {nameless.pk}"
    )
