"""Small accessible SVG charts of counts for the summary page, in the style of
`engage.communities.charts` (which draws shares against baselines): role="img", a
<title> and a <desc> that says in words what the chart shows, values written beside the
bars, and the page puts a data table next to each chart. No JavaScript.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from engage.communities.charts import PARTICIPANT_COLOUR

WIDTH = 640
ROW_HEIGHT = 26
LABEL_WIDTH = 220
VALUE_WIDTH = 60


def _open(chart_id, width, height, title, desc):
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="summary-chart" role="img" '
        'aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" width="100%" '
        'preserveAspectRatio="xMinYMin meet">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>',
        id=chart_id,
        w=width,
        h=height,
        title=title,
        desc=desc,
    )


def describe(rows):
    """The figures in words, for <desc>."""
    if not rows:
        return str(_("Nothing to show yet."))
    return "; ".join(
        str(_("%(label)s: %(value)s") % {"label": label, "value": value}) for label, value in rows
    )


def bar_chart(title, rows, chart_id):
    """Horizontal bars, one per (label, count) row; labels are cut to fit, the table
    beside the chart has them whole."""
    height = max(1, len(rows)) * ROW_HEIGHT + 10
    top = max([value for _label, value in rows] or [0]) or 1
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = format_html_join(
        "",
        '<g><text x="0" y="{ty}" font-size="12">{label}</text>'
        '<rect x="{x}" y="{y}" width="{w}" height="16" fill="{c}"/>'
        '<text x="{vx}" y="{ty}" font-size="12">{value}</text></g>',
        (
            {
                "ty": index * ROW_HEIGHT + 18,
                "label": label if len(label) <= 32 else label[:31] + "…",
                "x": LABEL_WIDTH,
                "y": index * ROW_HEIGHT + 5,
                "w": round(plot * value / top, 1),
                "c": PARTICIPANT_COLOUR,
                "vx": LABEL_WIDTH + round(plot * value / top, 1) + 6,
                "value": value,
            }
            for index, (label, value) in enumerate(rows)
        ),
    )
    return mark_safe(  # noqa: S308 - every part is escaped by format_html
        str(_open(chart_id, WIDTH, height, title, describe(rows))) + str(bars) + "</svg>"
    )


def timeline_chart(title, days, chart_id):
    """Vertical bars, one per (date, count) day, with the first and last dates labelled."""
    height = 160
    plot_height = 120
    count = max(1, len(days))
    step = (WIDTH - 20) / count
    top = max([value for _day, value in days] or [0]) or 1
    bars = format_html_join(
        "",
        '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{c}"><title>{label}</title></rect>',
        (
            {
                "x": round(10 + index * step, 1),
                "y": round(10 + plot_height * (1 - value / top), 1),
                "w": max(1, round(step * 0.8, 1)),
                "h": round(plot_height * value / top, 1),
                "c": PARTICIPANT_COLOUR,
                "label": f"{day.isoformat()}: {value}",
            }
            for index, (day, value) in enumerate(days)
        ),
    )
    labels = ""
    if days:
        labels = format_html(
            '<text x="10" y="{y}" font-size="11">{first}</text>'
            '<text x="{x}" y="{y}" font-size="11" text-anchor="end">{last}</text>'
            '<text x="10" y="10" font-size="11">{top}</text>',
            y=height - 14,
            x=WIDTH - 10,
            first=days[0][0].isoformat(),
            last=days[-1][0].isoformat(),
            top=top,
        )
    desc = describe([(day.isoformat(), value) for day, value in days])
    return mark_safe(  # noqa: S308 - every part is escaped by format_html
        str(_open(chart_id, WIDTH, height, title, desc)) + str(bars) + str(labels) + "</svg>"
    )
