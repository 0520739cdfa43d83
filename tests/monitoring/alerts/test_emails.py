"""Alert emails: to subscribed staff and to subscribed partner members within their
grants only, each in their own language, after commit, and a mail server failure never
undoes the alert."""

import smtplib

import pytest
from django.core.mail import EmailMultiAlternatives

from engage.monitoring.alerts import evaluation
from engage.monitoring.alerts.models import Alert, AlertSubscription
from tests import factories

from .conftest import AS_OF

pytestmark = pytest.mark.django_db


@pytest.fixture
def spike(texts, negativity_rule, areas):
    texts.baseline_and_spike("N01")


def subscribe(*people):
    for person in people:
        AlertSubscription.objects.create(user=person)


def test_subscribers_within_their_grants_get_it_in_their_language(
    spike, staff, partner_n01, partner_n02, mailoutbox, django_capture_on_commit_callbacks
):
    unsubscribed = factories.city_staff()
    partner_n01.preferred_language = "en"
    partner_n01.save()
    subscribe(staff, partner_n01, partner_n02)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        (alert,) = evaluation.evaluate(AS_OF)
        assert mailoutbox == []  # nothing before the commit
    assert len(callbacks) == 2
    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {staff.email, partner_n01.email}
    assert unsubscribed.email not in by_address and partner_n02.email not in by_address
    french, english = by_address[staff.email], by_address[partner_n01.email]
    assert french.extra_headers["Content-Language"] == "fr"
    assert "Hausse de la négativité" in french.subject
    assert "Textes négatifs à Riverside : 60% en 2026-W11, d’habitude 20,6%." in french.body
    assert english.extra_headers["Content-Language"] == "en"
    assert "Negativity rising" in english.subject
    assert "Negative texts in Riverside: 60% in 2026-W11, usually 20.6%." in english.body
    assert f"/fr/monitoring/alerts/{alert.pk}/" in french.body
    assert f"/en/monitoring/alerts/{alert.pk}/" in english.body


def test_a_mail_server_failure_keeps_the_alert(
    spike, staff, partner_n01, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    subscribe(staff, partner_n01)

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        raised = evaluation.evaluate(AS_OF)
    assert len(raised) == 1
    assert Alert.objects.filter(pk=raised[0].pk).exists()
    # Both emails were tried and their failure logged (by the task runner, or by
    # on_commit_safely when a backend raises at enqueue time).
    failures = [r for r in caplog.records if r.levelname == "ERROR" and r.exc_info]
    assert len(failures) == 2


def test_the_subject_is_plain_text(spike, staff, mailoutbox, django_capture_on_commit_callbacks):
    from engage.communities.models import Area

    Area.objects.filter(code="N01").update(name="St Mary's & Docks")
    staff.preferred_language = "en"
    staff.save()
    subscribe(staff)
    with django_capture_on_commit_callbacks(execute=True):
        evaluation.evaluate(AS_OF)
    (message,) = mailoutbox
    assert "St Mary's & Docks" in message.subject
    assert "St Mary's & Docks" in message.body
