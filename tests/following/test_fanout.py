"""Telling every follower is a task, not part of the publish request: the request only
enqueues it after commit, whatever the number of followers; the task works in batches,
emails each follower once in their language, and a rerun emails nobody again."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.following import services
from consultations.following.models import Notification, NotificationKind, NotificationStatus
from consultations.following.tasks import outcome_published_task
from tests.factories import UserFactory, build_consultation

pytestmark = pytest.mark.django_db


def closed_consultation(consultation_index, slug):
    return build_consultation(
        consultation_index, title=f"Library {slug}", slug=slug, opens_in_days=-60, closes_in_days=-5
    )


def with_followers(page, count, **kwargs):
    people = [UserFactory(**kwargs) for _ in range(count)]
    for person in people:
        services.follow(person, page)
    return people


def publish_outcome(page):
    page.outcome = "<p>Longer hours on Thursdays.</p>"
    page.outcome_published_at = timezone.now()
    page.save_revision().publish()


def test_the_publish_request_does_no_work_per_follower(
    consultation_index, django_capture_on_commit_callbacks
):
    few = closed_consultation(consultation_index, "few")
    many = closed_consultation(consultation_index, "many")
    with_followers(few, 2)
    with_followers(many, 30)
    measured = {}
    for name, page in (("few", few), ("many", many)):
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=False) as callbacks,
        ):
            publish_outcome(page)
        measured[name] = (len(queries), len(callbacks))
    assert measured["few"] == measured["many"]
    assert not Notification.objects.exists()  # nobody notified inside the request
    assert mail.outbox == []


def test_the_task_emails_each_follower_once_in_their_language(
    consultation_index, daily, off, django_capture_on_commit_callbacks
):
    page = closed_consultation(consultation_index, "hours")
    languages = ["fr", "ar", "en", ""]
    people = [UserFactory(preferred_language=code) for code in languages]
    for person in [*people, daily, off]:
        services.follow(person, page)
    with django_capture_on_commit_callbacks(execute=True):
        publish_outcome(page)  # enqueues the task after commit; the test backend runs it
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == sorted(person.email for person in people)
    for person, code in zip(people, languages, strict=True):
        message = by_address[person.email]
        assert message.extra_headers["Content-Language"] == (code or "en")
        assert f"/{code or 'en'}/consultations/hours/outcome/" in message.body
        assert "/unsubscribe/" in message.body
    assert by_address[people[0].email].subject != by_address[people[2].email].subject
    statuses = dict(
        Notification.objects.filter(kind=NotificationKind.OUTCOME).values_list("user", "status")
    )
    assert statuses[daily.pk] == NotificationStatus.PENDING
    assert statuses[off.pk] == NotificationStatus.SKIPPED

    with django_capture_on_commit_callbacks(execute=True):
        assert outcome_published_task.call(page.pk) == 0  # a rerun notifies nobody
        page.save_revision().publish()  # nor does publishing again
    assert len(mail.outbox) == len(people)


def test_followers_are_notified_in_batches(
    consultation_index, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "FOLLOWER_BATCH", 2)
    page = closed_consultation(consultation_index, "batches")
    people = with_followers(page, 5)
    publish_outcome(page)
    with django_capture_on_commit_callbacks(execute=True):
        assert outcome_published_task.call(page.pk) == 5
    assert sorted(message.to[0] for message in mail.outbox) == sorted(p.email for p in people)
    # Someone who starts following later is told on the next run, and only they are.
    late = with_followers(page, 1)[0]
    with django_capture_on_commit_callbacks(execute=True):
        assert outcome_published_task.call(page.pk) == 1
    assert [message.to for message in mail.outbox[5:]] == [[late.email]]
