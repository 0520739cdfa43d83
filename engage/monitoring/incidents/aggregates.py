"""Counts of incident reports by area, week and characteristic, for the staff triage
page, the dashboard and the weekly series; and police-recorded counts by area and week.

A report counts in the ISO week (Monday) of the day the incident happened
(`occurred_on`), not of the day it was reported, so late reports fill in the right week.
`published_table` suppresses small cells (engage.communities.suppression): per area
and week, the total and its parts by characteristic form one sum, so a hidden small
cell cannot be worked out from the others.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import TruncWeek

from engage.communities.suppression import publish, suppress
from engage.monitoring.series import Point, week_start

from .models import Characteristic, IncidentReport, RecordedHateCrime
from .recorded_crime import ALL

TOTAL = "total"


def _reports(since, until, areas):
    reports = IncidentReport.objects.filter(
        occurred_on__gte=since, occurred_on__lte=until, area__isnull=False
    )
    if areas is not None:
        reports = reports.filter(area__code__in=list(areas))
    return reports


def weekly_counts(since, until, areas=None):
    """{(area code, week, characteristic): count} of reports that happened in the range."""
    rows = (
        _reports(since, until, areas)
        .annotate(week=TruncWeek("occurred_on"))
        .values_list("area__code", "week", "characteristic")
        .annotate(n=Count("pk"))
    )
    return {(code, _as_date(week), characteristic): n for code, week, characteristic, n in rows}


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def raw_report_points(since, until, areas=None):
    """The internal `incidents.reports_raw` series: reports per area per week, raw, for
    the early-warning rules only (never shown; weeks without reports have no point)."""
    totals = {}
    for (code, week, _characteristic), n in weekly_counts(since, until, areas).items():
        totals[code, week] = totals.get((code, week), 0) + n
    return [Point(code, week, float(n), n) for (code, week), n in sorted(totals.items())]


def report_points(since, until, areas=None):
    """The shown `incidents.reports` series: a week with fewer reports than
    SMALL_CELL_THRESHOLD is withheld. The number of reports is the figure itself, so
    both the value and the count are hidden (value None, count 0)."""
    limit = settings.SMALL_CELL_THRESHOLD
    return [
        point if point.count >= limit else Point(point.area, point.week, None, 0)
        for point in raw_report_points(since, until, areas)
    ]


def _recorded_figures(rows):
    """{(area, period kind, starts_on): count} with one period kind per area (weeks when
    the area has any, else months) and the `all` total only where no category is given."""
    kinds = {}
    by_period = {}
    for code, kind, starts_on, category, n in rows:
        kinds.setdefault(code, set()).add(kind)
        parts = by_period.setdefault((code, kind, starts_on), {})
        parts[category] = parts.get(category, 0) + n
    figures = {}
    for (code, kind, starts_on), parts in by_period.items():
        if RecordedHateCrime.Period.WEEK in kinds[code] and kind != RecordedHateCrime.Period.WEEK:
            continue
        categories = {category: n for category, n in parts.items() if category != ALL}
        figures[code, kind, starts_on] = sum(categories.values()) if categories else parts[ALL]
    return figures


def _month_by_week(starts_on, n):
    """{week: share of `n`}: a month's count spread evenly over its days, summed by the
    ISO week each day falls in."""
    days = calendar.monthrange(starts_on.year, starts_on.month)[1]
    shares = {}
    for offset in range(days):
        week = week_start(starts_on + datetime.timedelta(days=offset))
        shares[week] = shares.get(week, 0) + n / days
    return shares


def recorded_points(since, until, areas=None):
    """The `incidents.recorded_crime` series: police-recorded counts per area per week.
    Weekly figures are used as they are; a monthly figure is spread evenly over the days
    of the month, so a week straddling two months takes its days' share of each (the
    value may be fractional; `count` is it rounded)."""
    first = week_start(since)
    rows = RecordedHateCrime.objects.filter(
        starts_on__gte=first - datetime.timedelta(days=31), starts_on__lte=until
    )
    if areas is not None:
        rows = rows.filter(area__code__in=list(areas))
    rows = rows.values_list("area__code", "period_kind", "starts_on", "category", "count")
    totals = {}
    for (code, kind, starts_on), n in _recorded_figures(rows).items():
        if kind == RecordedHateCrime.Period.WEEK:
            shares = {week_start(starts_on): n}
        else:
            shares = _month_by_week(starts_on, n)
        for week, share in shares.items():
            totals[code, week] = totals.get((code, week), 0) + share
    return [
        Point(code, week, float(value), round(value))
        for (code, week), value in sorted(totals.items())
        if first <= week <= until
    ]


@dataclass(frozen=True)
class Row:
    """One area and week: the total and each characteristic, as `PublishedCount`s."""

    area: str
    week: datetime.date
    total: object
    cells: dict  # characteristic value -> PublishedCount


def published_table(since, until, areas=None):
    """Rows (area, week) of suppressed counts, for anyone allowed to see aggregates."""
    counts = weekly_counts(since, until, areas)
    keys = sorted({(code, week) for code, week, _characteristic in counts})
    rows = []
    for code, week in keys:
        cells = {value: counts.get((code, week, value), 0) for value in Characteristic.values}
        table = {TOTAL: sum(cells.values()), **cells}
        states = suppress(table, relations=[(TOTAL, list(cells))])
        rows.append(
            Row(
                code,
                week,
                publish(table[TOTAL], states[TOTAL]),
                {value: publish(cells[value], states[value]) for value in cells},
            )
        )
    return rows
