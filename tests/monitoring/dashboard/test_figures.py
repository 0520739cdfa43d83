"""The dashboard's figures: one provider call per series, missing weeks never zero,
period figures per unit, and filters only for the series that support them."""

import datetime

import pytest

from engage.monitoring import series
from engage.monitoring.alerts.dashboard import figures
from tests.monitoring.dashboard.conftest import (
    AGREE,
    TENSION,
    TEXTS,
    THIS_WEEK,
    TODAY,
    add_texts,
    weeks_ago,
)

pytestmark = pytest.mark.django_db


def point(value, count=1, ago=0):
    return series.Point("W1", weeks_ago(ago), value, count)


def test_period_weeks_end_with_the_week_of_the_day_and_start_on_mondays():
    weeks = figures.period_weeks(TODAY, 3)
    assert weeks == [weeks_ago(2), weeks_ago(1), THIS_WEEK]
    assert all(week.weekday() == 0 for week in weeks)


def test_counts_add_up_shares_are_weighted_levels_take_the_latest():
    assert figures.summarise(series.COUNT, [point(2, 2), point(3, 3)]) == (5, 5)
    assert figures.summarise(series.SHARE, [point(0.5, 40), point(1.0, 10)]) == (0.6, 50)
    assert figures.summarise(series.LEVEL, [point(2, ago=1), point(4)]) == (4, 1)


def test_a_count_with_a_withheld_week_is_withheld_rather_than_understated():
    assert figures.summarise(series.COUNT, [point(None, 3), point(12, 12)]) == (None, 15)


def test_trend_compares_the_latest_two_weeks_with_values():
    assert figures.trend([point(2, ago=2), point(None, ago=1), point(3)]) == figures.RISING
    assert figures.trend([point(3, ago=1), point(1)]) == figures.FALLING
    assert figures.trend([point(3)]) is None


def test_one_call_per_series_for_every_area_and_week(test_series, wards, calls):
    add_texts({("W1", 0): 3, ("W1", 2): 2, ("W2", 1): 1})
    areas = [wards[code] for code in ("W1", "W2", "W3")]
    result = figures.dashboard_figures(series.registered(), areas, figures.period_weeks(TODAY, 4))
    assert {key: len(made) for key, made in calls.items()} == {TEXTS: 1, AGREE: 1, TENSION: 1}
    assert calls[TEXTS][0][2] == ["W1", "W2", "W3"]
    texts = result.cells_for(TEXTS)
    assert [p and p.value for p in texts["W1"].weekly] == [None, 2.0, None, 3.0]
    assert texts["W1"].value == 5 and texts["W1"].state == figures.SHOWN
    assert texts["W3"].state == figures.NO_DATA and texts["W3"].value is None
    assert texts["W3"].label == "no data"  # missing is never zero
    agree = result.cells_for(AGREE)
    assert agree["W1"].label == "62%"  # (0.5 × 40 + 0.7 × 60) / 100
    assert agree["W2"].state == figures.WITHHELD
    tension = result.cells_for(TENSION)
    assert (tension["W1"].label, tension["W1"].trend) == ("3", figures.RISING)


def test_all_areas_asks_the_providers_for_every_area(test_series, wards, calls):
    figures.dashboard_figures(
        [series.get(TEXTS)], [wards["W1"]], figures.period_weeks(TODAY, 2), all_areas=True
    )
    assert calls[TEXTS][0][2] is None


def test_a_filter_reaches_only_the_series_that_support_it(test_series, wards, calls):
    result = figures.dashboard_figures(
        series.registered(),
        [wards["W1"], wards["W2"]],
        figures.period_weeks(TODAY, 4),
        {"policy_area": "housing", "group": ""},
    )
    assert calls[AGREE][0][3] == "housing"
    assert TEXTS not in calls and TENSION not in calls  # never asked: they cannot answer
    agree = result.cells_for(AGREE)
    assert agree["W1"].label == "25%" and agree["W2"].state == figures.NO_DATA
    texts = result.cells_for(TEXTS)
    assert texts["W1"].state == figures.UNAVAILABLE
    assert texts["W1"].label == "not available for this filter"
    assert result.column(TEXTS).unsupported == ["policy area"]
    assert result.column(AGREE).available


def test_a_filter_no_series_supports_leaves_every_series_unavailable(test_series, wards):
    result = figures.dashboard_figures(
        series.registered(), [wards["W1"]], figures.period_weeks(TODAY, 2), {"group": "eth:a"}
    )
    assert not any(column.available for column in result.columns)


def test_values_are_formatted_by_unit():
    assert figures.format_value(series.SHARE, 0.456) == "46%"
    assert figures.format_value(series.SCORE, -0.1234) == "-0.12"
    assert figures.format_value(series.COUNT, 12.0) == "12"
    assert figures.format_value(series.LEVEL, 2.5) == "2.5"
    assert figures.format_value(series.COUNT, None) == ""


def test_the_period_ends_on_the_sunday_of_its_last_week(test_series, wards):
    result = figures.dashboard_figures([], [wards["W1"]], figures.period_weeks(TODAY, 2))
    assert result.until == THIS_WEEK + datetime.timedelta(days=6)
