"""Counts by area, week and characteristic with small cells suppressed; the weekly
series registered for the dashboard and early warning."""

import datetime

import pytest

from engage.monitoring import series
from engage.monitoring.incidents import aggregates

from .conftest import make_report

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 3, 2)


def reports(area, characteristic, n, day=MONDAY):
    for _ in range(n):
        make_report(area=area, characteristic=characteristic, occurred_on=day)


def test_published_table_hides_small_cells(wards, settings):
    settings.SMALL_CELL_THRESHOLD = 5
    reports(wards[0], "race", 12)
    reports(wards[0], "religion", 2)
    reports(wards[0], "disability", 6)
    rows = aggregates.published_table(MONDAY, MONDAY + datetime.timedelta(days=6))
    assert len(rows) == 1
    row = rows[0]
    assert (row.area, row.week) == ("W1", MONDAY)
    assert (row.total.label, row.cells["race"].label, row.cells["disability"].label) == (
        "20",
        "12",
        "6",
    )
    # 2 and the zeros all read "fewer than 5": the 2 hides among them
    for name in ("religion", "sexual_orientation", "transgender", "other"):
        assert row.cells[name].value is None
        assert row.cells[name].label == "fewer than 5"


def test_a_report_counts_in_the_week_it_happened(wards):
    reports(wards[1], "race", 3, day=MONDAY + datetime.timedelta(days=4))
    counts = aggregates.weekly_counts(MONDAY, MONDAY + datetime.timedelta(days=13))
    assert counts == {("W2", MONDAY, "race"): 3}


def test_raw_reports_series_counts_per_area_and_week(wards):
    reports(wards[0], "race", 2)
    reports(wards[0], "religion", 1)
    reports(wards[1], "race", 1, day=MONDAY - datetime.timedelta(days=7))
    by_area = series.weekly("incidents.reports_raw", MONDAY - datetime.timedelta(days=7), MONDAY)
    assert by_area["W1"][MONDAY].count == 3 and by_area["W1"][MONDAY].value == 3.0
    assert by_area["W2"][MONDAY - datetime.timedelta(days=7)].count == 1
    only = series.weekly("incidents.reports_raw", MONDAY, MONDAY, areas=["W2"])
    assert only == {}


def test_shown_reports_series_withholds_weeks_below_the_threshold(wards, settings):
    settings.SMALL_CELL_THRESHOLD = 5
    reports(wards[0], "race", 3)
    reports(wards[0], "religion", 1)
    reports(wards[1], "race", 5)
    by_area = series.weekly("incidents.reports", MONDAY, MONDAY)
    # 4 reports: neither the value nor the count (the same figure) is shown
    assert (by_area["W1"][MONDAY].value, by_area["W1"][MONDAY].count) == (None, 0)
    assert (by_area["W2"][MONDAY].value, by_area["W2"][MONDAY].count) == (5.0, 5)


def test_only_the_shown_reports_series_is_listed(wards):
    shown = {s.key for s in series.registered()}
    assert "incidents.reports" in shown and "incidents.reports_raw" not in shown
    assert series.get("incidents.reports_raw").internal
    everything = {s.key for s in series.registered(include_internal=True)}
    assert "incidents.reports_raw" in everything


def test_both_series_are_registered_as_counts():
    assert series.get("incidents.reports").unit == series.COUNT
    assert series.get("incidents.recorded_crime").unit == series.COUNT
