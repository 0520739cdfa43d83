"""`import_recorded_hate_crime`: months and ISO weeks, line-numbered errors, all or nothing."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from engage.monitoring import series
from engage.monitoring.incidents.models import RecordedHateCrime

pytestmark = pytest.mark.django_db

GOOD = """area_code,period,category,count
W1,2026-03,race,7
W1,2026-03,Religion or belief,2
W2,2026-W10,sexual orientation,1
CITY,2026-03,all,25
"""


def run(tmp_path, text):
    path = tmp_path / "recorded.csv"
    path.write_text(text)
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_recorded_hate_crime", str(path), stdout=out, stderr=err)
    except CommandError as error:
        return False, err.getvalue() + str(error)
    return True, out.getvalue()


def test_good_file_is_imported_and_reimport_replaces(tmp_path, wards):
    ok, out = run(tmp_path, GOOD)
    assert ok, out
    assert "Imported 4 recorded counts (0 replaced" in out
    week = RecordedHateCrime.objects.get(area__code="W2")
    assert (week.period_kind, week.starts_on, week.category) == (
        "week",
        datetime.date(2026, 3, 2),
        "sexual_orientation",
    )
    assert RecordedHateCrime.objects.get(area__code="W1", category="religion").count == 2
    ok, out = run(tmp_path, GOOD.replace("race,7", "race,9"))
    assert "0 recorded counts (4 replaced" in out
    assert RecordedHateCrime.objects.get(area__code="W1", category="race").count == 9
    assert RecordedHateCrime.objects.count() == 4


def test_recorded_series_spreads_a_month_over_the_days_of_its_weeks(tmp_path, wards):
    run(tmp_path, GOOD.replace("race,7", "race,29"))
    by_area = series.weekly(
        "incidents.recorded_crime", datetime.date(2026, 2, 23), datetime.date(2026, 3, 31)
    )
    # March 2026 (31 days, 31 recorded) starts on a Sunday: 1 day in the week of 23 Feb,
    # 7 in each of the next four weeks, 2 in the week of 30 March; no one-week spike
    w1 = {week: point.value for week, point in by_area["W1"].items()}
    assert w1 == pytest.approx(
        {
            datetime.date(2026, 2, 23): 1.0,
            datetime.date(2026, 3, 2): 7.0,
            datetime.date(2026, 3, 9): 7.0,
            datetime.date(2026, 3, 16): 7.0,
            datetime.date(2026, 3, 23): 7.0,
            datetime.date(2026, 3, 30): 2.0,
        }
    )
    assert sum(w1.values()) == pytest.approx(31)
    assert by_area["W2"][datetime.date(2026, 3, 2)].count == 1
    # the city's only figure is its published total, so it is used
    assert by_area["CITY"][datetime.date(2026, 3, 9)].value == pytest.approx(25 * 7 / 31)


def test_recorded_series_ignores_the_total_beside_categories_and_months_beside_weeks(
    tmp_path, wards
):
    text = """area_code,period,category,count
W1,2026-W10,race,4
W1,2026-W10,religion,2
W1,2026-W10,all,6
W1,2026-03,race,30
W1,2026-03,all,31
"""
    ok, out = run(tmp_path, text)
    assert ok, out
    by_area = series.weekly(
        "incidents.recorded_crime", datetime.date(2026, 2, 23), datetime.date(2026, 3, 31)
    )
    assert {week: point.value for week, point in by_area["W1"].items()} == {
        datetime.date(2026, 3, 2): 6.0
    }


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("W9,2026-03,race,1", "line 3, column area_code: There is no area"),
        ("W1,March 2026,race,1", "line 3, column period"),
        ("W1,2026-13,race,1", "line 3, column period"),
        ("W1,2026-W54,race,1", "line 3, column period"),
        ("W1,2026-03,football,1", "line 3, column category"),
        ("W1,2026-03,race,-1", "line 3, column count"),
        ("W1,2026-03,race,two", "line 3, column count"),
        ("W1,2026-03,race,4", "already on line 2"),
    ],
)
def test_a_bad_row_is_reported_by_line_and_nothing_is_imported(tmp_path, wards, row, expected):
    ok, err = run(tmp_path, f"area_code,period,category,count\nW1,2026-03,race,7\n{row}\n")
    assert not ok
    assert expected in err
    assert "Nothing was imported" in err
    assert not RecordedHateCrime.objects.exists()


def test_missing_columns_are_named(tmp_path, wards):
    ok, err = run(tmp_path, "area_code,period,count\nW1,2026-03,3\n")
    assert not ok
    assert "category" in err
