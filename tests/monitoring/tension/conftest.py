"""Areas, partners and assessments for the tension tests."""

import datetime

import pytest

from engage.communities.models import Area
from engage.monitoring.tension.models import Confidence, TensionIndicator, Trend
from engage.monitoring.tension.services import submit_assessment
from engage.policy.models import PartnerGrant
from tests.factories.accounts import with_totp
from tests.factories.policy import partner_member

VIEW = PartnerGrant.Access.VIEW_REPORTS
MONDAY = datetime.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def seeded_indicators(db):
    """The indicator list the data migration seeds. A transactional test run before
    (a browser test) may have emptied the tables; the migration's own function puts
    the rows back (it is idempotent)."""
    from importlib import import_module

    from django.apps import apps

    import_module("engage.monitoring.tension.migrations.0002_seed_tension_indicators").seed(
        apps, None
    )


@pytest.fixture
def areas(db):
    city = Area.objects.create(code="TC0001", name="Testcity")
    return {
        "north": Area.objects.create(code="TC-N", name="North", parent=city),
        "south": Area.objects.create(code="TC-S", name="South", parent=city),
    }


@pytest.fixture
def north_partner(areas):
    """A member of a partner with a grant for the North ward only, with TOTP."""
    return with_totp(partner_member([("area:TC-N", VIEW)], organisation="North Police"))


@pytest.fixture
def south_partner(areas):
    return with_totp(partner_member([("area:TC-S", VIEW)], organisation="South Schools"))


def assess(user, area, *, start=MONDAY, days=6, level=2, trend=Trend.STABLE, codes=("rumours",)):
    return submit_assessment(
        user,
        area=area,
        period_start=start,
        period_end=start + datetime.timedelta(days=days),
        level=level,
        trend=trend,
        confidence=Confidence.MEDIUM,
        context="Leaflets near the mosque.",
        sources="Neighbourhood officers",
        indicators=TensionIndicator.objects.filter(code__in=codes),
    )
