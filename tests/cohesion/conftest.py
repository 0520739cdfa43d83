"""Fixtures of the cohesion-section tests: a consultation in an area with affected and
wider groups, alerts in and out of its area and period, and a complete section."""

import datetime

import pytest
from django.utils import timezone

from consultations.cohesion import services
from engage.monitoring.alerts.models import Alert, AlertRule
from engage.monitoring.alerts.rules import COUNT_ABOVE_RANGE
from tests.factories import AreaFactory, CategoryFactory, UserFactory, with_totp


@pytest.fixture
def area(db):
    return AreaFactory(code="NB0001", name="Riverside")


@pytest.fixture
def groups(db):
    children = CategoryFactory(name="Children")
    return {
        "children": children,
        "teenagers": CategoryFactory(name="Teenagers", dimension=children.dimension),
        "older": CategoryFactory(name="Older people", dimension=children.dimension),
    }


@pytest.fixture
def placed_consultation(consultation, area, groups):
    consultation.area = area
    consultation.save_revision().publish()
    consultation.affected_groups.set([groups["children"]])
    consultation.wider_audience.set([groups["teenagers"]])
    consultation.save()
    return consultation


def monday(moment):
    day = moment.date()
    return day - datetime.timedelta(days=day.weekday())


def make_alert(scope, period, area=""):
    rule, _created = AlertRule.objects.get_or_create(
        name="Incidents above their range",
        defaults={"kind": COUNT_ABOVE_RANGE, "explanation": "{value} in {area}"},
    )
    return Alert.objects.create(
        rule=rule, series="incidents.reports_raw", scope=scope, area=area, period=period
    )


@pytest.fixture
def alerts(placed_consultation, area):
    now = timezone.now()
    return {
        "in_area": make_alert("area:NB0001", monday(now), area="NB0001"),
        "consultation": make_alert(f"consultation:{placed_consultation.pk}", monday(now)),
        "elsewhere": make_alert("area:NB0099", monday(now), area="NB0099"),
        "long_ago": make_alert(
            "area:NB0001", monday(now - datetime.timedelta(weeks=52)), area="NB0001"
        ),
    }


@pytest.fixture
def complete_section(placed_consultation):
    section = services.section_for_consultation(placed_consultation)
    return services.save_section(
        section,
        by=None,
        considered_en="Whether teenagers would be pushed out of the park.",
        resident_summary_en="We checked that the new park leaves nobody out.",
        resident_summary_ar="تحققنا من أن الحديقة الجديدة لا تستثني أحدًا.",
        conclusions_en="A youth shelter was added.",
    )


@pytest.fixture
def editor(db):
    """A superuser with TOTP, who may use the Wagtail admin."""
    return with_totp(UserFactory(is_superuser=True, is_staff=True))
