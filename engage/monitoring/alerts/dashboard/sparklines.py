"""Small multiples: one tiny line chart per area and series, with its words.

`sparkline(cell)` draws a `Cell`'s weekly values as an inline SVG (role="img") whose
accessible name says the same in words: how many weeks have a figure, the lowest and
highest, and the latest with its week. Weeks without a point are gaps in the line
(missing is never drawn as zero); a week with a single point between gaps is a dot.
The scale is fixed for shares (0–100%), scores (−1…1) and levels (1–5), and runs from
zero to the cell's own maximum for counts.
"""

from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from engage.monitoring import series as registry

from .figures import SHOWN, UNAVAILABLE, format_value

WIDTH = 120
HEIGHT = 28
PAD = 3
LINE_COLOUR = "#1d4f91"
FIXED_RANGES = {
    registry.SHARE: (0.0, 1.0),
    registry.SCORE: (-1.0, 1.0),
    registry.LEVEL: (1.0, 5.0),
}


def _range(unit, values):
    if unit in FIXED_RANGES:
        return FIXED_RANGES[unit]
    return 0.0, max(max(values), 1.0)


def describe(cell):
    """The sparkline in words (its accessible name)."""
    series, area = cell.series, cell.area
    if cell.state == UNAVAILABLE:
        return _("%(series)s in %(area)s: not available for this filter.") % {
            "series": series.label,
            "area": area.name,
        }
    shown = [point for point in cell.weekly if point is not None and point.value is not None]
    if not shown:
        return _("%(series)s in %(area)s: no figures in this period.") % {
            "series": series.label,
            "area": area.name,
        }
    values = [point.value for point in shown]
    return _(
        "%(series)s in %(area)s: figures for %(weeks)s of %(total)s weeks, from %(low)s to "
        "%(high)s; latest %(latest)s in the week of %(week)s."
    ) % {
        "series": series.label,
        "area": area.name,
        "weeks": len(shown),
        "total": len(cell.weekly),
        "low": format_value(series.unit, min(values)),
        "high": format_value(series.unit, max(values)),
        "latest": format_value(series.unit, shown[-1].value),
        "week": formats.date_format(shown[-1].week, "SHORT_DATE_FORMAT"),
    }


def _segments(cell, low, high):
    """Runs of consecutive weeks with a value, as lists of (x, y)."""
    count = len(cell.weekly)
    step = (WIDTH - 2 * PAD) / max(count - 1, 1)
    span = (high - low) or 1.0
    runs, run = [], []
    for index, point in enumerate(cell.weekly):
        if point is None or point.value is None:
            if run:
                runs.append(run)
            run = []
            continue
        value = min(max(point.value, low), high)
        x = PAD + index * step
        y = HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD)
        run.append((x, y))
    if run:
        runs.append(run)
    return runs


def sparkline(cell):
    """The SVG of one cell (always an image with an accessible name, even when empty)."""
    label = describe(cell)
    values = [p.value for p in cell.weekly if p is not None and p.value is not None]
    marks = []
    if cell.state == SHOWN or values:
        low, high = _range(cell.series.unit, values or [0.0])
        for run in _segments(cell, low, high):
            if len(run) == 1:
                marks.append(
                    format_html(
                        '<circle cx="{}" cy="{}" r="1.6" fill="{}"/>',
                        f"{run[0][0]:.1f}",
                        f"{run[0][1]:.1f}",
                        LINE_COLOUR,
                    )
                )
            else:
                points = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                marks.append(
                    format_html(
                        '<polyline points="{}" fill="none" stroke="{}" stroke-width="1.5"/>',
                        points,
                        LINE_COLOUR,
                    )
                )
    return format_html(
        '<svg class="sparkline" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" '
        'aria-label="{label}"><line x1="{pad}" y1="{base}" x2="{end}" y2="{base}" '
        'stroke="#b0b7bf" stroke-width="1"/>{marks}</svg>',
        w=WIDTH,
        h=HEIGHT,
        label=label,
        pad=PAD,
        base=HEIGHT - PAD,
        end=WIDTH - PAD,
        marks=format_html_join("", "{}", ((mark,) for mark in marks)),
    )
