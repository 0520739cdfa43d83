"""What alerts say. An alert on the raw incident counts (a series never shown) gives small
counts as "fewer than N", as every published figure (explanations reach partners and
emails); counts of a shown series are shown as they are. A tension alert names the
condition that fired."""

import pytest

from engage.monitoring.alerts.explain import explanation
from engage.monitoring.alerts.models import Alert, AlertRule
from engage.monitoring.alerts.rules import COUNT_ABOVE_RANGE

from .conftest import SPIKE_MONDAY

pytestmark = pytest.mark.django_db

TEMPLATE = "{value} reports in {area} in {period}, usually {baseline}; threshold {threshold}."


def alert_on(series, value, baseline):
    rule = AlertRule.objects.create(
        name="Incidents above their range", kind=COUNT_ABOVE_RANGE, explanation=TEMPLATE
    )
    return Alert.objects.create(
        rule=rule,
        series=series,
        scope="area:N01",
        area="N01",
        period=SPIKE_MONDAY,
        evidence={"figures": {"value": value, "baseline": baseline, "threshold": 4.5}},
    )


def test_small_raw_incident_counts_are_published_as_fewer_than_the_threshold(areas, settings):
    settings.SMALL_CELL_THRESHOLD = 10
    text = explanation(alert_on("incidents.reports_raw", 7, 1.5), "en")
    assert text.startswith("fewer than 10 reports in Riverside")
    assert "usually fewer than 10" in text and "threshold 4.5" in text
    assert "7" not in text.replace("2026", "")


def test_large_raw_counts_and_shown_series_keep_their_figures(areas, settings):
    settings.SMALL_CELL_THRESHOLD = 10
    assert explanation(alert_on("incidents.reports_raw", 12, 11), "en").startswith("12 reports")
    assert explanation(alert_on("signals.abuse_flags", 7, 1.5), "en").startswith("7 reports")


def test_a_tension_alert_says_which_condition_fired(areas):
    rule = AlertRule.objects.create(
        name="Tension", kind="tension", explanation="{area}: {reason} (level {value})."
    )
    alert = Alert.objects.create(
        rule=rule,
        series="tension.level",
        scope="area:N01",
        area="N01",
        period=SPIKE_MONDAY,
        evidence={"figures": {"value": 2, "reason": "trend", "conditions": ["trend"]}},
    )
    text = explanation(alert, "en")
    assert text == "Riverside: the last two assessments said tension is rising (level 2)."
