"""Reports older than the retention period are deleted (clock mocked)."""

import datetime
import io
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from engage.monitoring.incidents import services
from engage.monitoring.incidents.models import IncidentReport

from .conftest import make_report

pytestmark = pytest.mark.django_db


def test_expired_reports_go_and_recent_ones_stay(wards, settings):
    settings.INCIDENT_RETENTION_DAYS = 30
    now = timezone.now()
    old, _secret = make_report(area=wards[0])
    recent, _secret = make_report(area=wards[1])
    IncidentReport.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=31))
    IncidentReport.objects.filter(pk=recent.pk).update(created_at=now - datetime.timedelta(days=29))

    assert services.purge_expired_reports() == 1
    assert list(IncidentReport.objects.all()) == [recent]

    later = now + datetime.timedelta(days=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        out = io.StringIO()
        call_command("purge_incident_reports", stdout=out)
    assert "Deleted 1 incident report(s) older than 30 days" in out.getvalue()
    assert not IncidentReport.objects.exists()


def test_retention_keeps_everything_within_the_period(wards, settings):
    settings.INCIDENT_RETENTION_DAYS = 730
    make_report(area=wards[0])
    future = timezone.now() + datetime.timedelta(days=729)
    with mock.patch("django.utils.timezone.now", return_value=future):
        assert services.purge_expired_reports() == 0
    assert IncidentReport.objects.count() == 1
