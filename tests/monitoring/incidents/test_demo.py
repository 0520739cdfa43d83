"""The demo wards, reports and recorded counts load, and loading again changes nothing."""

import importlib
from pathlib import Path

import pytest

from engage.communities.models import Area
from engage.demo.data import DemoContext
from engage.monitoring.incidents.models import IncidentReport, RecordedHateCrime

pytestmark = pytest.mark.django_db


def load(name):
    module = importlib.import_module(name)
    module.load_demo(Path(module.__file__).resolve().parent, DemoContext())


def test_demo_loads_wards_reports_and_counts_idempotently():
    load("engage.demo.northbridge")
    load("engage.monitoring.incidents.demo")
    wards = Area.objects.filter(parent__code="NB0001")
    assert wards.count() == 8
    assert all(ward.boundary for ward in wards)
    reports, recorded = IncidentReport.objects.count(), RecordedHateCrime.objects.count()
    assert reports == 8 and recorded == 9
    referred = IncidentReport.objects.get(reference="HIR-DEMO0001")
    assert referred.referred_to is not None and referred.description.startswith("Stickers")
    load("engage.monitoring.incidents.demo")
    assert Area.objects.filter(parent__code="NB0001").count() == 8
    assert IncidentReport.objects.count() == reports
    assert RecordedHateCrime.objects.count() == recorded
