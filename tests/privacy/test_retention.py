"""Retention: each rule deletes or anonymises rows older than its period and keeps the
rest; one failing rule does not stop the others."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from consultations.following.models import Notification
from engage.accounts.models import User
from engage.accounts.privacy import registry, retention
from engage.moderation.models import Report
from engage.policy.models import ExportRecord
from tests import factories

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_old_rows_go_and_recent_ones_stay(person, settings):
    settings.RETENTION_DAYS = {
        **settings.RETENTION_DAYS,
        "notifications": 10,
        "moderation_reports": 10,
        "export_records": 10,
        "moderation_actions": 10,
    }
    user = person.user
    old_note = factories.NotificationFactory(
        user=user, kind="reply", consultation=person.consultation, key="old"
    )
    Notification.objects.filter(pk=old_note.pk).update(created_at=days_ago(11))
    new_note = factories.NotificationFactory(
        user=user, kind="reply", consultation=person.consultation, key="new"
    )
    old_report = factories.ReportFactory(
        reporter=user, content=person.other_comment, created_at=days_ago(11)
    )
    new_report = factories.ReportFactory(reporter=user, content=person.comment)
    old_record = factories.ExportRecordFactory(user=user, kind="k", scope="s")
    ExportRecord.objects.filter(pk=old_record.pk).update(created_at=days_ago(11))
    action = factories.ModerationActionFactory(
        moderator=person.moderator,
        account=user,
        action="hide",
        before_text="the words that were hidden",
        created_at=days_ago(11),
    )

    results = retention.enforce_retention(
        only={"notifications", "moderation_reports", "export_records", "moderation_actions"}
    )
    assert results == {
        "notifications": 1,
        "moderation_reports": 1,
        "export_records": 1,
        "moderation_actions": 1,
    }
    assert list(Notification.objects.values_list("pk", flat=True)) == [new_note.pk]
    assert list(Report.objects.values_list("pk", flat=True)) == [new_report.pk]
    assert not Report.objects.filter(pk=old_report.pk).exists()
    assert not ExportRecord.objects.exists()
    action.refresh_from_db()
    assert action.before_text == "" and action.action == "hide"  # the decision stays


def test_accounts_never_confirmed_go_after_their_period(settings):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "unverified_accounts": 30}
    stale = factories.UserFactory(verified=False)
    User.objects.filter(pk=stale.pk).update(date_joined=days_ago(31))
    fresh = factories.UserFactory(verified=False)
    confirmed = factories.UserFactory()
    User.objects.filter(pk=confirmed.pk).update(date_joined=days_ago(400))
    assert retention.enforce_retention(only={"unverified_accounts"}) == {"unverified_accounts": 1}
    assert set(User.objects.values_list("pk", flat=True)) >= {fresh.pk, confirmed.pk}
    assert not User.objects.filter(pk=stale.pk).exists()


def test_a_failing_rule_is_reported_and_the_others_still_run(settings, monkeypatch):
    def broken(cutoff):
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(
        registry._retention,
        "zz_broken",
        registry.Retention("zz_broken", "Broken", User, "", "", broken),
    )
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "zz_broken": 1}
    results = retention.enforce_retention()
    assert results["zz_broken"] is None
    assert results["notifications"] == 0


def test_the_command_runs_every_rule_and_refuses_unknown_ones():
    out = io.StringIO()
    call_command("enforce_retention", stdout=out)
    text = out.getvalue()
    for rule in registry.retention_rules():
        assert f"{rule.key}: " in text
    with pytest.raises(Exception, match="no retention rule"):
        call_command("enforce_retention", "--only", "nonsense", stdout=io.StringIO())


def test_the_daily_task_carries_out_due_deletions(person):
    from engage.accounts.models import AccountDeletion, AccountDeletionStatus
    from engage.accounts.privacy.tasks import privacy_daily_task

    AccountDeletion.objects.create(
        user=person.user,
        keep_content=True,
        status=AccountDeletionStatus.SCHEDULED,
        confirmed_at=days_ago(15),
        due_at=days_ago(1),
    )
    result = privacy_daily_task.enqueue().return_value
    assert result["deletions"] == 1
    person.user.refresh_from_db()
    assert person.user.erased_at is not None


def test_the_daily_task_builds_downloads_whose_task_was_lost(person):
    from engage.accounts.models import PersonalDataExport, PersonalDataExportStatus
    from engage.accounts.privacy.tasks import privacy_daily_task

    job = PersonalDataExport.objects.create(user=person.user, created_at=days_ago(1))
    result = privacy_daily_task.enqueue().return_value
    assert result["stalled_downloads_built"] == 1
    job.refresh_from_db()
    assert job.status == PersonalDataExportStatus.DONE
