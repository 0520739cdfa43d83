"""Reminders before review and expiry: `send_agreement_reminders [--date]` and its
task, in each recipient's language, at most once a week per agreement and kind."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from engage.policy.models import AgreementStatus, InformationSharingAgreement
from engage.policy.services.reminders import send_agreement_reminders
from engage.policy.tasks import send_agreement_reminders_task

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)


@pytest.fixture
def near_review(agreement, staff, member):
    InformationSharingAgreement.objects.filter(pk=agreement.pk).update(
        owner=staff,
        review_date=TODAY + datetime.timedelta(days=10),
        expiry_date=TODAY + datetime.timedelta(days=200),
    )
    signatory = agreement.signatories.exclude(organisation=None).get()
    signatory.user.preferred_language = "fr"
    signatory.user.save()
    agreement.refresh_from_db()
    return agreement


def test_reminders_go_to_signatories_and_owner_in_their_language(
    near_review, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_agreement_reminders(TODAY)
    assert sent == 2  # the partner's signatory and the city's (also the owner)
    by_address = {message.to[0]: message for message in mail.outbox}
    partner_signatory = near_review.signatories.exclude(organisation=None).get().user
    assert "Community safety" in by_address[staff.email].subject
    assert "review" in by_address[staff.email].subject.lower()
    assert by_address[partner_signatory.email].extra_headers["Content-Language"] == "fr"
    assert by_address[staff.email].extra_headers["Content-Language"] == "en"
    near_review.refresh_from_db()
    assert near_review.review_reminded_on == TODAY


def test_a_reminder_is_not_repeated_within_the_week(
    near_review, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_agreement_reminders(TODAY)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_agreement_reminders(TODAY + datetime.timedelta(days=3)) == 0
        assert send_agreement_reminders(TODAY + datetime.timedelta(days=7)) == 2
    assert len(mail.outbox) == 2


def test_no_reminder_far_from_the_dates_or_for_an_ended_agreement(near_review, staff):
    assert send_agreement_reminders(TODAY - datetime.timedelta(days=60)) == 0
    InformationSharingAgreement.objects.filter(pk=near_review.pk).update(
        status=AgreementStatus.TERMINATED
    )
    assert send_agreement_reminders(TODAY) == 0


def test_an_expiry_reminder_comes_before_the_expiry_date(agreement, staff):
    InformationSharingAgreement.objects.filter(pk=agreement.pk).update(
        review_date=TODAY - datetime.timedelta(days=1) + datetime.timedelta(days=5),
        expiry_date=TODAY + datetime.timedelta(days=5),
    )
    assert send_agreement_reminders(TODAY) == 4  # review and expiry, two people each


def test_the_command_takes_a_date_and_explains_a_bad_one(near_review):
    out = io.StringIO()
    call_command("send_agreement_reminders", "--date", TODAY.isoformat(), stdout=out)
    assert "2 reminder email(s) sent." in out.getvalue()
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_agreement_reminders", "--date", "02/03/2026")


def test_the_task_uses_today_from_the_clock(near_review, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    result = send_agreement_reminders_task.enqueue()
    assert result.return_value == 2


def test_the_daily_run_records_expiry_in_the_stored_status(agreement):
    InformationSharingAgreement.objects.filter(pk=agreement.pk).update(
        review_date=TODAY, expiry_date=TODAY
    )
    send_agreement_reminders(TODAY)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.EXPIRED
    assert agreement.events.filter(kind="expired").exists()
