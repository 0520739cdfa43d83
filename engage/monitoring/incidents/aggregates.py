"""Counts of incident reports by area, week and characteristic, for the staff triage
page, the dashboard and the weekly series; and police-recorded counts by area and week.

A report counts in the ISO week (Monday) of the day the incident happened
(`occurred_on`), not of the day it was reported, so late reports fill in the right week.
`published_table` suppresses small cells (engage.communities.suppression): per area
and week, the total and its parts by characteristic form one sum, so a hidden small
cell cannot be worked out from the others.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.db.models.functions import TruncWeek

from engage.communities.suppression import publish, suppress
from engage.monitoring.series import Point, week_start

from .models import Characteristic, IncidentReport, RecordedHateCrime

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


def report_points(since, until, areas=None):
    """The `incidents.reports` series: reports per area per week (weeks without reports
    have no point)."""
    totals = {}
    for (code, week, _characteristic), n in weekly_counts(since, until, areas).items():
        totals[code, week] = totals.get((code, week), 0) + n
    return [Point(code, week, float(n), n) for (code, week), n in sorted(totals.items())]


def recorded_points(since, until, areas=None):
    """The `incidents.recorded_crime` series: police-recorded counts per area per week.
    A monthly figure is placed on the ISO week of the month's first day."""
    rows = RecordedHateCrime.objects.filter(starts_on__gte=week_start(since), starts_on__lte=until)
    if areas is not None:
        rows = rows.filter(area__code__in=list(areas))
    totals = {}
    for code, starts_on, n in rows.values_list("area__code", "starts_on").annotate(n=Sum("count")):
        key = (code, week_start(starts_on))
        totals[key] = totals.get(key, 0) + n
    return [
        Point(code, week, float(n), n)
        for (code, week), n in sorted(totals.items())
        if since - datetime.timedelta(days=6) <= week <= until
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
