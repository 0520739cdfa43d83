"""Fixtures of the early-warning tests: texts as analysed rows, rules, people."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from engage.communities.models import Area
from engage.insights.models import TextAnalysis
from engage.monitoring.alerts.models import Alert, AlertRule
from engage.monitoring.alerts.rules import NEGATIVITY
from engage.policy.models import PartnerGrant
from tests import factories

# Weeks 0..9 are Mondays from 2026-01-05; the spike is written in week 9.
FIRST_MONDAY = datetime.date(2026, 1, 5)
SPIKE_WEEK = 9
SPIKE_MONDAY = FIRST_MONDAY + datetime.timedelta(weeks=SPIKE_WEEK)
AS_OF = SPIKE_MONDAY + datetime.timedelta(days=3)  # the Thursday of the spike week


class Texts:
    """Creates analysed texts; object ids never repeat within a test."""

    def __init__(self):
        self.next_id = 1
        self.content_type = ContentType.objects.get_for_model(AlertRule)

    def add(self, week, n, *, negative=0, flagged=0, sentiment=0.3, **columns):
        """`n` visible texts written on the Tuesday of week `week`; the first `negative`
        score -0.6, the first `flagged` are flagged as abusive."""
        day = FIRST_MONDAY + datetime.timedelta(weeks=week, days=1)
        at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
        rows = []
        for index in range(n):
            rows.append(
                TextAnalysis(
                    content_type=self.content_type,
                    object_id=self.next_id,
                    kind="test",
                    content_created_at=at,
                    content_visible=True,
                    analysed_at=at,
                    sentiment=-0.6 if index < negative else sentiment,
                    abuse_flagged=index < flagged,
                    language="en",
                    **columns,
                )
            )
            self.next_id += 1
        TextAnalysis.objects.bulk_create(rows)

    def baseline_and_spike(self, area, *, per_week=40, spike_negative=24, **columns):
        """About 20% negative texts for weeks 0..8, then `spike_negative` of `per_week`
        in week 9."""
        for week, negative in enumerate([8, 9, 7, 8, 8, 10, 7, 8, 9]):
            self.add(week, per_week, negative=negative, area=area, **columns)
        self.add(SPIKE_WEEK, per_week, negative=spike_negative, area=area, **columns)


@pytest.fixture
def texts(db):
    return Texts()


@pytest.fixture
def negativity_rule(db):
    return AlertRule.objects.create(
        name="Negativity rising",
        name_fr="Hausse de la négativité",
        kind=NEGATIVITY,
        cooldown_days=14,
        explanation="Negative texts in {area}: {value} in {period}, usually {baseline}.",
        explanation_fr="Textes négatifs à {area} : {value} en {period}, d’habitude {baseline}.",
    )


@pytest.fixture
def areas(db):
    for code, name in (("N01", "Riverside"), ("N02", "Hillcrest")):
        Area.objects.get_or_create(code=code, defaults={"name": name})


@pytest.fixture
def staff(db):
    return factories.with_totp(factories.city_staff(preferred_language="fr"))


@pytest.fixture
def partner_n01(db):
    return factories.with_totp(
        factories.partner_member(
            [("area:N01", PartnerGrant.Access.VIEW_REPORTS)], organisation="Riverside Housing"
        )
    )


@pytest.fixture
def partner_n02(db):
    return factories.with_totp(
        factories.partner_member(
            [("area:N02", PartnerGrant.Access.VIEW_REPORTS)], organisation="Hillcrest Schools"
        )
    )


@pytest.fixture
def alert(db, negativity_rule, areas):
    """An open alert in N01 for the spike week, as the evaluation would raise."""
    alert = Alert.objects.create(
        rule=negativity_rule,
        series="signals.negative_share",
        scope="area:N01",
        area="N01",
        period=SPIKE_MONDAY,
        evidence={"figures": {"value": 0.6, "baseline": 0.2, "count": 40}, "compared": None},
        explanation="Negative texts in Riverside.",
    )
    alert.events.create(kind="raised")
    return alert
