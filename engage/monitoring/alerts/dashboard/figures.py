"""The dashboard's figures: every chosen series, per area and week, and per area over
the period, read through the weekly-series registry only.

`dashboard_figures(series_list, areas, weeks, filters)` calls each series' provider
once for all the areas and weeks shown (so the number of queries is one per series,
whatever the number of areas or weeks) and turns the points into `Cell`s, one per area
and series: its weekly points on the period's grid (None where the provider gave no
point: missing is never zero), the period's figure (`summarise`), the latest week with
a value, and the trend from the week before it.

Filters (policy area, community group) are passed only to the series that say they
support them; a series that does not is shown as "not available for this filter",
never as zero. A provider says so with a `filters` attribute (on the registered
`Series`, or on the provider function itself): the names it accepts as keyword
arguments, from `FILTERS`. See docs/monitoring.md#the-community-sentiment-dashboard.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from engage.monitoring import series as registry

POLICY_AREA = "policy_area"  # a policy.PolicyArea slug
GROUP = "group"  # "<dimension slug>:<category slug>", a community group
FILTERS = (POLICY_AREA, GROUP)
FILTER_LABELS = {POLICY_AREA: _("policy area"), GROUP: _("community group")}

DEFAULT_WEEKS = 26
MAX_WEEKS = 104

# States of a cell (one area × one series over the period).
SHOWN = "shown"
NO_DATA = "no_data"  # the provider gave no point in the period
WITHHELD = "withheld"  # points exist but their values were withheld (small numbers)
UNAVAILABLE = "unavailable"  # the series cannot answer the active filters

RISING, STABLE, FALLING = "rising", "stable", "falling"
TREND_LABELS = {
    RISING: pgettext_lazy("trend", "rising"),
    STABLE: pgettext_lazy("trend", "stable"),
    FALLING: pgettext_lazy("trend", "falling"),
}
STATE_LABELS = {
    NO_DATA: _("no data"),
    WITHHELD: _("withheld (small numbers)"),
    UNAVAILABLE: _("not available for this filter"),
}
SUMMARY_LABELS = {
    registry.COUNT: _("total over the period"),
    registry.SHARE: _("average over the period, weighted by observations"),
    registry.SCORE: _("average over the period, weighted by observations"),
    registry.LEVEL: _("latest level"),
}


def supported_filters(series):
    """The filter names `series` accepts (see the module docstring)."""
    names = getattr(series, "filters", None) or getattr(series.provider, "filters", ())
    return frozenset(names) & set(FILTERS)


def period_weeks(until, weeks):
    """The Mondays of the `weeks` ISO weeks ending with the week of `until`, oldest first."""
    last = registry.week_start(until)
    return [last - datetime.timedelta(weeks=offset) for offset in range(weeks - 1, -1, -1)]


def format_value(unit, value):
    """A value as people read it: counts as numbers, shares as percentages, scores signed."""
    if value is None:
        return ""
    if unit == registry.SHARE:
        return f"{value * 100:.0f}%"
    if unit == registry.SCORE:
        return f"{value:+.2f}"
    if float(value).is_integer():
        return f"{value:.0f}"
    return f"{value:.1f}"


def summarise(unit, points):
    """(value, observations) of the period from its points (oldest first, no Nones).

    Counts add up; shares and scores are averaged weighted by their observations;
    levels take the latest week. A count whose weeks were partly withheld is withheld as
    a whole (adding only the shown weeks would understate it). None when nothing is shown.
    """
    shown = [point for point in points if point.value is not None]
    if not shown:
        return None, sum(point.count for point in points)
    if unit == registry.LEVEL:
        return shown[-1].value, shown[-1].count
    if unit == registry.COUNT:
        if len(shown) < len(points):
            return None, sum(point.count for point in points)
        return sum(point.value for point in shown), sum(point.count for point in shown)
    weight = sum(point.count for point in shown)
    if weight <= 0:
        return sum(point.value for point in shown) / len(shown), 0
    return sum(point.value * point.count for point in shown) / weight, weight


def trend(points):
    """Rising, stable or falling: the latest shown value against the one before it."""
    shown = [point.value for point in points if point.value is not None]
    if len(shown) < 2:
        return None
    if shown[-1] > shown[-2]:
        return RISING
    if shown[-1] < shown[-2]:
        return FALLING
    return STABLE


@dataclass
class Cell:
    """One area × one series over the period."""

    area: object  # communities.Area
    series: registry.Series
    weekly: list  # Point or None per week of the period, oldest first
    state: str
    value: float | None = None
    count: int = 0
    latest: registry.Point | None = None
    trend: str | None = None

    @property
    def label(self):
        """The period's figure as text, or why there is none."""
        if self.state == SHOWN:
            return format_value(self.series.unit, self.value)
        return str(STATE_LABELS[self.state])

    @property
    def latest_label(self):
        if self.latest is None:
            return ""
        return format_value(self.series.unit, self.latest.value)

    @property
    def trend_label(self):
        return str(TREND_LABELS[self.trend]) if self.trend else ""


@dataclass
class SeriesColumn:
    """One chosen series and whether it can answer the active filters."""

    series: registry.Series
    available: bool
    unsupported: list = field(default_factory=list)  # labels of the filters it lacks

    @property
    def key(self):
        return self.series.key

    @property
    def label(self):
        return self.series.label

    @property
    def summary_label(self):
        return SUMMARY_LABELS[self.series.unit]


@dataclass
class Figures:
    weeks: list  # Mondays, oldest first
    columns: list  # SeriesColumn
    rows: list  # (area, [Cell per column])

    @property
    def since(self):
        return self.weeks[0]

    @property
    def until(self):
        return self.weeks[-1] + datetime.timedelta(days=6)

    def column(self, key):
        return next((column for column in self.columns if column.key == key), None)

    def cells_for(self, key):
        """{area code: Cell} of the series `key`."""
        index = next(i for i, column in enumerate(self.columns) if column.key == key)
        return {area.code: cells[index] for area, cells in self.rows}


def _cell(area, series, weeks, by_week):
    weekly = [by_week.get(week) for week in weeks]
    points = [point for point in weekly if point is not None]
    if not points:
        return Cell(area, series, weekly, NO_DATA)
    value, count = summarise(series.unit, points)
    shown = [point for point in points if point.value is not None]
    return Cell(
        area,
        series,
        weekly,
        SHOWN if value is not None else WITHHELD,
        value=value,
        count=count,
        latest=shown[-1] if shown else None,
        trend=trend(points),
    )


def dashboard_figures(series_list, areas, weeks, filters=None, all_areas=False):
    """The figures of `series_list` (registered `Series`) for `areas` over `weeks`
    (Mondays from `period_weeks`), with `filters` ({name: value}, empty values ignored).

    One provider call per available series; `all_areas` True asks the providers for
    every area (no area list to filter on) when the reader may see them all anyway.
    """
    filters = {name: value for name, value in (filters or {}).items() if value}
    since, until = weeks[0], weeks[-1] + datetime.timedelta(days=6)
    codes = None if all_areas else [area.code for area in areas]
    columns, points_by_series = [], []
    for series in series_list:
        missing = [name for name in filters if name not in supported_filters(series)]
        columns.append(
            SeriesColumn(series, not missing, [str(FILTER_LABELS[name]) for name in missing])
        )
        if missing:
            points_by_series.append(None)
            continue
        by_area = {}
        for point in series.provider(since, until, codes, **filters):
            by_area.setdefault(point.area, {})[registry.week_start(point.week)] = point
        points_by_series.append(by_area)
    rows = []
    for area in areas:
        cells = []
        for series, by_area in zip(series_list, points_by_series, strict=True):
            if by_area is None:
                cells.append(Cell(area, series, [None] * len(weeks), UNAVAILABLE))
            else:
                cells.append(_cell(area, series, weeks, by_area.get(area.code, {})))
        rows.append((area, cells))
    return Figures(weeks, columns, rows)
