"""The map and the sparklines as drawings: names escaped, bins labelled, gaps kept."""

import datetime

from engage.communities.models import Area
from engage.monitoring import series
from engage.monitoring.alerts.dashboard import choropleth, figures, sparklines
from tests.monitoring.dashboard.conftest import square

WEEKS = figures.period_weeks(datetime.date(2026, 6, 17), 4)
COUNTS = series.Series("t.count", "Reports <b>", series.COUNT, lambda *a: [])


def area(code, name, boundary=None, pk=None, parent=None):
    made = Area(code=code, name=name, boundary=boundary, parent_id=parent)
    made.pk = pk
    return made


def cell(place, values, unit_series=COUNTS):
    weekly = [
        None if value is None else series.Point(place.code, week, value, int(value or 0))
        for week, value in zip(WEEKS, values, strict=True)
    ]
    points = [point for point in weekly if point]
    value, count = figures.summarise(unit_series.unit, points)
    return figures.Cell(place, unit_series, weekly, figures.SHOWN, value, count, points[-1])


def test_names_and_labels_are_escaped_in_the_map_and_the_sparklines():
    place = area("X1", '<script>alert("x")</script>', square(-1.6, 53.7), pk=1)
    drawing = choropleth.choropleth({"X1": cell(place, [1, 2, None, 3])}, [place], "<i>title</i>")
    assert "<script>" not in drawing.svg and "&lt;script&gt;" in drawing.svg
    assert "<i>" not in drawing.svg
    line = sparklines.sparkline(cell(place, [1, 2, None, 3]))
    assert "<script>" not in line and "Reports &lt;b&gt;" in line


def test_a_week_without_data_is_a_gap_in_the_line_not_a_zero():
    place = area("X1", "Ward", pk=1)
    line = sparklines.sparkline(cell(place, [1, 2, None, 3]))
    assert line.count("<polyline") == 1  # weeks 1–2
    assert line.count("<circle") == 1  # week 4 alone


def test_count_bins_run_from_zero_to_a_round_maximum():
    bins = choropleth.bins_for(series.COUNT, [0, 3, 37])
    assert [b.label for b in bins] == [
        "0 to 10",
        "10 to 20",
        "20 to 30",
        "30 to 40",
        "40 to 50",
        "no figure",
    ]
    assert choropleth.bin_for(bins, 37).index == 3
    assert choropleth.bin_for(bins, 50).index == 4
    assert choropleth.bin_for(bins, None).index == -1


def test_levels_have_one_bin_each():
    bins = choropleth.bins_for(series.LEVEL, [3])
    assert [b.label for b in bins][:5] == [f"level {n}" for n in range(1, 6)]
    assert choropleth.bin_for(bins, 3).label == "level 3"


def test_a_parent_whose_wards_are_drawn_is_not_drawn_over_them():
    city = area("C", "City", square(-1.7, 53.6, 0.3), pk=1)
    ward = area("W", "Ward", square(-1.6, 53.7), pk=2, parent=1)
    lonely = area("L", "No boundary", pk=3, parent=1)
    broken = area("B", "Broken", {"type": "Point", "coordinates": [0, 0]}, pk=4, parent=1)
    assert [a.code for a in choropleth.mapped_areas([city, ward, lonely, broken])] == ["W"]
