"""Staff are alerted about consultations open a week with a group missing, once a day."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from engage.communities import alerts
from engage.communities.scopes import Scope
from tests import factories
from tests.factories import build_consultation

pytestmark = pytest.mark.django_db


def test_staff_are_alerted_once_about_a_week_old_under_represented_consultation(
    report_setup, django_capture_on_commit_callbacks
):
    staff_member = factories.city_staff()
    factories.UserFactory()  # a resident: never alerted

    with django_capture_on_commit_callbacks(execute=True):
        alerted = alerts.representation_alerts_task.enqueue().return_value
    with django_capture_on_commit_callbacks(execute=True):
        again = alerts.send_representation_alerts()

    assert alerted == [report_setup.pk]
    assert again == []
    assert [message.to for message in mail.outbox] == [[staff_member.email]]
    assert "Safer streets" in mail.outbox[0].subject
    assert "B (ethnicity): under-represented" in mail.outbox[0].body
    assert f"?scope=consultation:{report_setup.pk}" in mail.outbox[0].body


def test_the_next_day_brings_a_new_alert(report_setup, django_capture_on_commit_callbacks):
    factories.city_staff()
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        alerts.send_representation_alerts()
        alerts.send_representation_alerts(now=tomorrow)
    assert len(mail.outbox) == 2


def test_no_alert_for_a_fresh_consultation(
    city, consultation_index, django_capture_on_commit_callbacks
):
    factories.city_staff()
    city.dimension("ethnicity", {"a": 0.5, "b": 0.3, "c": 0.2})
    fresh = build_consultation(consultation_index, title="Fresh", opens_in_days=-2, area=city.area)
    city.people(Scope("consultation", str(fresh.pk)), "ethnicity", {"a": 60, "b": 7, "c": 13})

    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.send_representation_alerts() == []
    assert mail.outbox == []


def test_no_alert_when_every_group_is_in_range(
    city, consultation, django_capture_on_commit_callbacks
):
    factories.city_staff()
    city.dimension("ethnicity", {"a": 0.5, "b": 0.5})
    type(consultation).objects.filter(pk=consultation.pk).update(area=city.area)
    city.people(Scope("consultation", str(consultation.pk)), "ethnicity", {"a": 40, "b": 40})

    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.send_representation_alerts() == []
    assert mail.outbox == []
