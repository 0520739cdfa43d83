"""The weekly series `tension.level` for `engage.monitoring.series`.

An assessment counts in every ISO week its period touches. A week's value for an area
is the highest current level among the assessments covering it (several partners may
assess the same area: the most serious view counts), and `count` the number of those
assessments.
"""

import datetime
from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from engage.monitoring import series

from .models import Assessment

WEEK = datetime.timedelta(days=7)


def level_points(since, until, areas=None):
    """Points of `tension.level` between two dates (see the module docstring)."""
    assessments = Assessment.objects.overlapping(since, until)
    if areas is not None:
        assessments = assessments.in_areas(areas)
    cells = defaultdict(list)
    first_week = series.week_start(since)
    for code, start, end, level in assessments.values_list(
        "area__code", "period_start", "period_end", "level"
    ):
        week = max(series.week_start(start), first_week)
        while week <= end and week <= until:
            cells[code, week].append(level)
            week += WEEK
    return [
        series.Point(code, week, float(max(levels)), len(levels))
        for (code, week), levels in sorted(cells.items())
    ]


def register_series():
    series.register("tension.level", _("Tension level"), series.LEVEL, level_points)
