"""The demo loader: the default rules, a subscribed staff account and an open alert from
the demo data; a second run changes nothing."""

import datetime

import pytest
from django.utils import timezone

from engage.demo.data import DemoContext
from engage.monitoring import series
from engage.monitoring.alerts import demo
from engage.monitoring.alerts.models import Alert, AlertRule, AlertSubscription
from engage.monitoring.alerts.rules import iso_week
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_tension():
    """A tension series as the tension app's demo would give (level 2 last week)."""
    previous = series._REGISTRY.get("tension.level")
    week = series.week_start(timezone.localdate()) - datetime.timedelta(weeks=1)

    def provider(since, until, areas=None):
        return [series.Point("NB-W03", week, 2.0, 1), series.Point("NB-W01", week, 1.0, 1)]

    series.register("tension.level", "Tension", series.LEVEL, provider)
    yield week
    if previous is not None:
        series._REGISTRY["tension.level"] = previous
    else:
        series._REGISTRY.pop("tension.level", None)


def test_demo_rules_subscription_and_one_open_alert(demo_tension):
    staff = factories.city_staff(email="staff@example.org")
    context = DemoContext()
    demo.load_demo(demo.DATA_DIR, context)
    assert AlertRule.objects.count() == 6
    assert set(AlertRule.objects.values_list("kind", flat=True)) == {
        "negativity",
        "count_above_range",
        "tension",
        "pulse_drop",
        "polarisation",
    }
    rule = AlertRule.objects.get(kind="tension")
    assert rule.name_fr == "Tensions élevées ou en hausse"
    assert AlertSubscription.objects.filter(user=staff).exists()
    (alert,) = Alert.objects.open()
    assert (alert.scope, alert.period) == ("area:NB-W03", demo_tension)
    assert iso_week(alert.period) in alert.explanation
    again = DemoContext()
    demo.load_demo(demo.DATA_DIR, again)
    assert again.created == []
    assert Alert.objects.count() == 1
