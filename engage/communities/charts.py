"""Server-rendered, accessible SVG charts of representation reports.

`representation_chart(dimension)` draws one dimension of a *publishable* report
(`representation.publishable_report(...)["dimensions"][i]`): for each group a solid bar
for the participants' share with its 95% interval as a whisker, and a dashed outline
bar for the baseline share. Values and flags are written as text beside the bars, and
the two bars differ in pattern as well as colour, so nothing depends on colour alone.
The SVG has role="img", a <title> and a <desc> that says in words what it shows; the
page puts the data table beside it. Works without JavaScript. Only suppressed,
publishable figures ever reach this module.
"""

import math

from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

# Each group's name and flag sit on a line of their own above its two bars, so long
# names never run into the bars; the figures in words stand to the right of the bars.
WIDTH = 860
LABEL_WIDTH = 14  # room for the first gridline's label
VALUE_WIDTH = 340
ROW_HEIGHT = 64
TOP = 40
BAR_HEIGHT = 12
PARTICIPANT_COLOUR = "#1d4f91"
BASELINE_COLOUR = "#6b6b6b"


def percent(value):
    """A share (0..1) as a whole-number percentage, or an em dash when unknown."""
    if value is None:
        return "—"
    return f"{value * 100:.0f}%"


def _scale_max(rows):
    values = [0.1]
    for row in rows:
        values += [row.get("share") or 0, row.get("baseline_share") or 0]
        if row.get("interval"):
            values.append(row["interval"][1] or 0)
    return min(1.0, math.ceil(max(values) * 10) / 10)


def _row_text(row):
    if row["share"] is None:
        participants = _("participants: share withheld to protect small numbers")
    elif row["interval"]:
        participants = _("participants %(share)s (95%% interval %(low)s to %(high)s)") % {
            "share": percent(row["share"]),
            "low": percent(row["interval"][0]),
            "high": percent(row["interval"][1]),
        }
    else:
        participants = _("participants %(share)s") % {"share": percent(row["share"])}
    return participants, _("baseline %(share)s") % {"share": percent(row["baseline_share"])}


def describe(dimension):
    """The chart in words, for <desc>: one sentence per group."""
    sentences = []
    for row in dimension["rows"]:
        if row["excluded"]:
            continue
        participants, baseline = _row_text(row)
        sentences.append(
            str(
                _("%(group)s: %(participants)s, %(baseline)s, %(flag)s.")
                % {
                    "group": row["name"],
                    "participants": participants,
                    "baseline": baseline,
                    "flag": row["flag_label"],
                }
            )
        )
    return " ".join(sentences) or str(_("No groups to show."))


def representation_chart(dimension, chart_id=None):
    """The SVG (a SafeString) for one publishable dimension."""
    rows = [row for row in dimension["rows"] if not row["excluded"]]
    chart_id = chart_id or f"chart-{dimension['dimension']}"
    plot_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 20
    top = _scale_max(rows)
    height = TOP + ROW_HEIGHT * max(1, len(rows)) + 10

    def x(share):
        return LABEL_WIDTH + plot_width * min(share or 0, top) / top

    title = _("%(dimension)s: participants' share against the population baseline") % {
        "dimension": dimension["name"]
    }
    # The drawing runs left to right in every language (bars grow from 0 %), and each
    # label starts at its x. In a right-to-left page a label's start is its right end,
    # so it ran back over the bars (and the group names off the left edge): there the
    # labels are anchored at their end, which is their left end, written right to left.
    direction = ' direction="rtl" text-anchor="end"' if translation.get_language_bidi() else ""
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="representation-chart" '
            'role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" '
            'width="100%" preserveAspectRatio="xMinYMin meet"{direction}>'
            '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>',
            direction=mark_safe(direction),  # noqa: S308 - a constant
            id=chart_id,
            w=WIDTH,
            h=height,
            title=title,
            desc=describe(dimension),
        ),
        # Legend: pattern and words, not colour alone.
        format_html(
            '<g class="legend" font-size="12">'
            '<rect x="{x}" y="8" width="14" height="10" fill="{pc}"/>'
            '<text x="{tx}" y="17">{participants}</text>'
            '<rect x="{x2}" y="8" width="14" height="10" fill="none" stroke="{bc}" '
            'stroke-dasharray="3 2"/>'
            '<text x="{tx2}" y="17">{baseline}</text>'
            '<line x1="{x3}" y1="13" x2="{x4}" y2="13" stroke="#000"/>'
            '<text x="{tx3}" y="17">{interval}</text></g>',
            x=LABEL_WIDTH,
            tx=LABEL_WIDTH + 18,
            x2=LABEL_WIDTH + 140,
            tx2=LABEL_WIDTH + 158,
            x3=LABEL_WIDTH + 300,
            x4=LABEL_WIDTH + 320,
            tx3=LABEL_WIDTH + 324,
            pc=PARTICIPANT_COLOUR,
            bc=BASELINE_COLOUR,
            participants=_("participants"),
            baseline=_("population baseline"),
            # xgettext:no-python-format
            interval=_("95% interval"),
        ),
        # Gridlines at every 10 percentage points, labelled.
        format_html_join(
            "",
            '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#ddd"/>'
            '<text x="{0}" y="{3}" font-size="10" text-anchor="middle">{4}</text>',
            (
                (round(x(step / 10), 1), TOP - 8, height - 10, TOP - 10, f"{step * 10}%")
                for step in range(0, round(top * 10) + 1)
            ),
        ),
    ]
    for index, row in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        participants, baseline = _row_text(row)
        parts.append(
            format_html(
                '<g class="group"><text x="0" y="{y1}" font-size="13">'
                '<tspan font-weight="bold">{name}</tspan> — {flag}</text>',
                y1=y + 14,
                name=row["name"],
                flag=row["flag_label"],
            )
        )
        if row["share"] is not None:
            parts.append(
                format_html(
                    '<rect x="{x0}" y="{y}" width="{w}" height="{h}" fill="{c}"/>',
                    x0=LABEL_WIDTH,
                    y=y + 22,
                    w=round(x(row["share"]) - LABEL_WIDTH, 1),
                    h=BAR_HEIGHT,
                    c=PARTICIPANT_COLOUR,
                )
            )
            if row["interval"]:
                low, high = x(row["interval"][0]), x(row["interval"][1])
                middle = y + 22 + BAR_HEIGHT / 2
                parts.append(
                    format_html(
                        '<path d="M{lo} {m} H{hi} M{lo} {t} V{b} M{hi} {t} V{b}" '
                        'stroke="#000" stroke-width="1.5" fill="none"/>',
                        lo=round(low, 1),
                        hi=round(high, 1),
                        m=middle,
                        t=middle - 5,
                        b=middle + 5,
                    )
                )
        if row["baseline_share"] is not None:
            parts.append(
                format_html(
                    '<rect x="{x0}" y="{y}" width="{w}" height="{h}" fill="none" '
                    'stroke="{c}" stroke-width="1.5" stroke-dasharray="4 2"/>',
                    x0=LABEL_WIDTH,
                    y=y + 40,
                    w=max(0.5, round(x(row["baseline_share"]) - LABEL_WIDTH, 1)),
                    h=BAR_HEIGHT,
                    c=BASELINE_COLOUR,
                )
            )
        parts.append(
            format_html(
                '<text x="{tx}" y="{y1}" font-size="11">{p}</text>'
                '<text x="{tx}" y="{y2}" font-size="11">{b}</text></g>',
                tx=WIDTH - VALUE_WIDTH,
                y1=y + 32,
                y2=y + 50,
                p=participants,
                b=baseline,
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - parts are escaped
