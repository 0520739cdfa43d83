"""The day-before reminder goes out once per confirmed person."""

import datetime
import io

from django.core import mail
from django.core.management import call_command

from consultations.codesign import services
from consultations.codesign.models import Rsvp
from consultations.codesign.tasks import send_session_reminders_task
from tests.factories import RsvpFactory, UserFactory


def test_reminders_go_once_to_confirmed_people_the_day_before(
    make_session, django_capture_on_commit_callbacks
):
    tomorrow = make_session(starts_in=datetime.timedelta(hours=20))
    next_week = make_session(starts_in=datetime.timedelta(days=7))
    confirmed, waiting, later = UserFactory(), UserFactory(), UserFactory()
    RsvpFactory(session=tomorrow, user=confirmed)
    RsvpFactory(session=tomorrow, user=waiting, status=Rsvp.Status.WAITLISTED)
    RsvpFactory(session=next_week, user=later)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_reminders() == 1
    assert [message.to for message in mail.outbox] == [[confirmed.email]]
    assert "Reminder" in mail.outbox[0].subject

    with django_capture_on_commit_callbacks(execute=True):
        send_session_reminders_task.enqueue()
        call_command("send_codesign_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_no_reminder_for_a_session_that_has_started(make_session):
    started = make_session(starts_in=-datetime.timedelta(minutes=5))
    RsvpFactory(session=started)
    assert services.send_due_reminders() == 0
    assert mail.outbox == []
