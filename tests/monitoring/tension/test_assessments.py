"""Tension assessments: submitting, versioning, the audit trail and the weekly series."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from engage.monitoring import series
from engage.monitoring.tension.models import AuditEntry, TensionIndicator
from engage.monitoring.tension.services import revise_assessment
from tests.factories.accounts import UserFactory

from .conftest import MONDAY, assess

pytestmark = pytest.mark.django_db


def test_the_indicator_list_is_seeded_and_editable():
    assert list(TensionIndicator.objects.values_list("code", flat=True)) == [
        "incidents",
        "rumours",
        "online",
        "protests",
        "anniversaries",
        "other",
    ]


def test_submitting_writes_version_1_and_an_audit_entry(north_partner, areas):
    assessment = assess(north_partner, areas["north"], level=3)
    assert assessment.organisation.name == "North Police" and assessment.version == 1
    version = assessment.versions.get()
    assert (version.number, version.level, version.author) == (1, 3, north_partner)
    assert version.indicators == [{"code": "rumours", "name": "Rumours or misinformation"}]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.version, entry.user) == ("submitted", 1, north_partner)


def test_each_revision_is_a_new_version_and_the_old_ones_are_kept(north_partner, areas):
    assessment = assess(north_partner, areas["north"], level=2)
    incidents = TensionIndicator.objects.filter(code__in=["incidents", "rumours"])
    revised = revise_assessment(
        north_partner, assessment, level=4, trend="rising", indicators=incidents
    )
    assert (revised.level, revised.trend, revised.version) == (4, "rising", 2)
    levels = list(revised.versions.order_by("number").values_list("number", "level"))
    assert levels == [(1, 2), (2, 4)]
    entry = AuditEntry.objects.filter(action="revised").get()
    assert entry.version == 2 and set(entry.changes) == {"level", "trend", "indicators"}
    unchanged = revise_assessment(north_partner, revised, level=4, indicators=incidents)
    assert unchanged.version == 2 and AuditEntry.objects.count() == 2


def test_a_partner_cannot_assess_an_area_outside_its_grants(north_partner, areas):
    with pytest.raises(PermissionDenied):
        assess(north_partner, areas["south"])
    with pytest.raises(PermissionDenied):
        assess(UserFactory(), areas["north"])


def test_the_same_partner_assesses_an_area_and_period_once(north_partner, areas):
    assess(north_partner, areas["north"])
    with pytest.raises(ValidationError, match="already assessed"):
        assess(north_partner, areas["north"])


def test_tension_level_series_takes_the_highest_level_in_every_week_of_the_period(
    north_partner, south_partner, areas
):
    city_partner_area = areas["north"]
    assess(north_partner, city_partner_area, level=2, days=13)  # two weeks
    other = assess(
        north_partner, city_partner_area, start=MONDAY + datetime.timedelta(days=7), level=4, days=6
    )
    assess(south_partner, areas["south"], level=1)
    by_area = series.weekly("tension.level", MONDAY, MONDAY + datetime.timedelta(days=30))
    north = by_area["TC-N"]
    assert [(week, point.value, point.count) for week, point in sorted(north.items())] == [
        (MONDAY, 2.0, 1),
        (MONDAY + datetime.timedelta(days=7), 4.0, 2),
    ]
    assert by_area["TC-S"][MONDAY].value == 1.0
    only_south = series.weekly("tension.level", MONDAY, MONDAY, areas=["TC-S"])
    assert list(only_south) == ["TC-S"]
    assert series.get("tension.level").unit == series.LEVEL
    assert other.version == 1
