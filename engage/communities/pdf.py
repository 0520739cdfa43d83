"""The representation report as a PDF: the suppressed aggregate report for one scope,
in the requester's language, with a bar chart per dimension (participants' share
against the population share) drawn with reportlab graphics.

Only the *publishable* report (`RepresentationReport.publishable()`) is ever drawn:
counts below SMALL_CELL_THRESHOLD read "fewer than N", withheld shares are left out
of the charts, and nothing about any one person is included. `report_content()` builds
every text and chart value first (tests check it), `render_pdf()` lays it out.

Fonts, colours and page set-up come from `engage.pdf` (shared with the "what we heard"
report); every text goes through its `paragraph()` or `visual()`, which join and order
Arabic script. The HTML dashboard is the accessible version.

Views: `admin_report_pdf` (admin URL "communities_report_pdf", registered in
`admin_imports.py`) and `partner_report_pdf` (for the partner mount beside the CSV
export). Both take ?scope=[&baseline=][&dimension=] and require the rule
"accounts.export" for the scope; every download is recorded as a `policy.ExportRecord`.
"""

import io
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import never_cache

from engage.pdf import (
    BASELINE_COLOUR,
    PARTICIPANT_COLOUR,
    page_styles,
    paragraph,
    report_document,
    visual,
)

from .admin_views import export_report
from .models import ScopeType
from .representation import CSV_COLUMNS
from .scopes import CITY, scope_title

WITHHELD_MARK = "–"


# --- content: every text and number the PDF shows ----------------------------------------


@dataclass
class DimensionContent:
    """One dimension of the PDF: its heading, summary, table and chart values."""

    name: str
    summary: list
    table: list  # the header row, then one row of strings per group
    chart_labels: list = field(default_factory=list)
    chart_shares: list = field(default_factory=list)  # percent, None when withheld
    chart_baseline: list = field(default_factory=list)  # percent, None when excluded


@dataclass
class ReportContent:
    title: str
    lines: list
    dimensions: list
    legend: tuple
    footnote: str
    rtl: bool = False

    def texts(self):
        """Every string the PDF draws (in the order it draws them), for checks."""
        texts = [self.title, *self.lines]
        for dimension in self.dimensions:
            texts += [dimension.name, *dimension.summary]
            texts += [cell for row in dimension.table for cell in row]
            texts += dimension.chart_labels
            texts += [_number(v, 1) for v in dimension.chart_shares + dimension.chart_baseline]
        return [*texts, *self.legend, self.footnote]


def _number(value, places):
    return WITHHELD_MARK if value is None else formats.number_format(value, places)


def _percent(fraction):
    if fraction is None:
        return WITHHELD_MARK
    return str(_("%(value)s%%") % {"value": formats.number_format(fraction * 100, 1)})


def describe_scope(scope):
    """A scope in words: the consultation's title, or the scope as written."""
    if scope.kind == CITY:
        return str(_("the whole city"))
    if scope.kind == ScopeType.CONSULTATION:
        title = scope_title(scope)
        if title is not None:
            return f"{title} ({scope})"
    return str(scope)


def report_content(published, scope_label=""):
    """The `ReportContent` of a publishable report (the dict from `publishable()`).

    Takes only the suppressed form, so no raw count can reach the PDF."""
    baseline = published["baseline"]
    lines = [
        str(_("Where: %(scope)s") % {"scope": scope_label or published["scope"]}),
        str(
            _("Compared with the population of %(area)s (%(code)s).")
            % {"area": baseline["area_name"], "code": baseline["area_code"]}
        ),
    ]
    if baseline["source"] or baseline["year"]:
        lines.append(
            str(
                _("Population figures: %(source)s %(year)s")
                % {"source": baseline["source"] or "", "year": baseline["year"] or ""}
            ).strip()
        )
    lines += [
        str(_("Participants: %(count)s") % {"count": published["participants"]["label"]}),
        str(
            _(
                "To protect people in small groups, counts below %(threshold)s are shown "
                "as “fewer than %(threshold)s”, and figures that would reveal them are "
                "withheld (%(mark)s)."
            )
            % {"threshold": published["threshold"], "mark": WITHHELD_MARK}
        ),
        str(_("Generated: %(when)s") % {"when": published["generated_at"][:16].replace("T", " ")}),
    ]
    header = [str(label) for key, label in CSV_COLUMNS if key != "dimension"]
    dimensions = []
    for dimension in published["dimensions"]:
        summary = [
            str(
                _("Declared: %(declared)s of %(participants)s participants")
                % {
                    "declared": dimension["declared"]["label"],
                    "participants": dimension["participants"]["label"],
                }
            ),
            str(
                _("Preferred not to say: %(count)s")
                % {"count": dimension["prefer_not_to_say"]["label"]}
            ),
            str(_("Did not say: %(count)s") % {"count": dimension["not_declared"]["label"]}),
            str(_("Coverage: %(value)s") % {"value": _percent(dimension["coverage"])}),
            str(
                _("Distance from the population (total variation): %(value)s")
                % {"value": _number(dimension["total_variation_distance"], 3)}
            ),
            str(
                _("Chi-square p-value: %(value)s")
                % {
                    "value": dimension["p_value"]
                    if isinstance(dimension["p_value"], str)
                    else _number(dimension["p_value"], 3)
                }
            ),
        ]
        table = [header]
        labels, shares, baselines = [], [], []
        for row in dimension["rows"]:
            interval = row["interval"] or [None, None]
            table.append(
                [
                    row["name"],
                    row["participants"]["label"],
                    _percent(row["share"]),
                    _percent(row["baseline_share"]),
                    _number(row["ratio"], 2),
                    _percent(interval[0]),
                    _percent(interval[1]),
                    row["flag_label"],
                ]
            )
            if row["excluded"]:
                continue
            labels.append(row["name"])
            shares.append(None if row["share"] is None else round(row["share"] * 100, 1))
            baselines.append(
                None if row["baseline_share"] is None else round(row["baseline_share"] * 100, 1)
            )
        dimensions.append(
            DimensionContent(
                name=dimension["name"],
                summary=summary,
                table=table,
                chart_labels=labels,
                chart_shares=shares,
                chart_baseline=baselines,
            )
        )
    return ReportContent(
        title=str(_("Representation report")),
        lines=lines,
        dimensions=dimensions,
        legend=(str(_("Share of participants")), str(_("Share of the population"))),
        footnote=str(
            _("%(mark)s withheld to protect small groups, or not applicable.")
            % {"mark": WITHHELD_MARK}
        ),
        rtl=translation.get_language_bidi(),
    )


# --- layout ------------------------------------------------------------------------------


def _chart(dimension, legend, font, width, content_rtl=False):
    """A horizontal bar chart: for each group, participants' and population share (%)."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    count = len(dimension.chart_labels)
    bar_area = max(40, 26 * count)
    drawing = Drawing(width, bar_area + 50)
    chart = HorizontalBarChart()
    chart.x, chart.y = 150, 40
    chart.width, chart.height = width - 170, bar_area
    # reportlab draws the first category at the bottom; reverse to read top-down.
    chart.data = [
        [0 if v is None else v for v in reversed(dimension.chart_shares)],
        [0 if v is None else v for v in reversed(dimension.chart_baseline)],
    ]
    chart.categoryAxis.categoryNames = [
        visual(label if share is not None else f"{label} ({WITHHELD_MARK})", content_rtl)
        for label, share in zip(
            reversed(dimension.chart_labels), reversed(dimension.chart_shares), strict=True
        )
    ]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.valueMin = 0
    top = max([v for v in dimension.chart_shares + dimension.chart_baseline if v] or [10])
    chart.valueAxis.valueMax = min(100, (int(top) // 10 + 1) * 10)
    chart.valueAxis.valueStep = 10 if chart.valueAxis.valueMax > 40 else 5
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.bars[0].fillColor = colors.HexColor(PARTICIPANT_COLOUR)
    chart.bars[1].fillColor = colors.HexColor(BASELINE_COLOUR)
    chart.bars.strokeColor = None
    chart.barSpacing = 1
    chart.groupSpacing = 6
    drawing.add(chart)
    key = Legend()
    key.x, key.y = 150, 18
    key.fontName, key.fontSize = font, 8
    key.alignment = "right"
    key.columnMaximum = 1
    key.dx, key.dy = 8, 8
    key.deltax = 150
    key.colorNamePairs = [
        (colors.HexColor(PARTICIPANT_COLOUR), visual(legend[0], content_rtl)),
        (colors.HexColor(BASELINE_COLOUR), visual(legend[1], content_rtl)),
    ]
    drawing.add(key)
    return drawing


def render_pdf(content, language=None):
    """The PDF bytes for a `ReportContent`."""
    from reportlab.lib import colors
    from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

    styles = page_styles(content.rtl, body=(9, 12), heading=(13, 16), heading_space_before=10)
    regular, body, small = styles.regular, styles.body, styles.small
    heading, title = styles.heading, styles.title

    buffer = io.BytesIO()
    doc = report_document(buffer, content.title, language)
    story = [paragraph(content.title, title), Spacer(1, 4)]
    story += [paragraph(line, body) for line in content.lines]
    for dimension in content.dimensions:
        story.append(paragraph(dimension.name, heading))
        story.append(paragraph(" · ".join(dimension.summary), small))
        story.append(Spacer(1, 4))
        if dimension.chart_labels:
            story.append(_chart(dimension, content.legend, regular, doc.width, content.rtl))
        rows = [[paragraph(cell, small) for cell in row] for row in dimension.table]
        widths = [0.22, 0.12, 0.09, 0.1, 0.08, 0.1, 0.1, 0.19]
        table = Table(rows, colWidths=[w * doc.width for w in widths], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#cccccc")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(KeepTogether([table]))
    story += [Spacer(1, 8), paragraph(content.footnote, small)]
    doc.build(story)
    return buffer.getvalue()


def report_pdf(published, scope_label="", language=None):
    """PDF bytes of a publishable report, in the active (or given) language."""
    with translation.override(language or translation.get_language()):
        return render_pdf(report_content(published, scope_label), language)


# --- views -------------------------------------------------------------------------------


def _report_pdf_response(request):
    return export_report(
        request,
        "pdf",
        "application/pdf",
        lambda report, scope: report_pdf(report.publishable(), describe_scope(scope)),
    )


@never_cache
def admin_report_pdf(request):
    """The PDF inside the Wagtail admin (Wagtail checks admin access first)."""
    return _report_pdf_response(request)


@never_cache
@login_required
def partner_report_pdf(request):
    """The same PDF outside the admin, for partners with an export grant."""
    return _report_pdf_response(request)


# A label for links to the PDF (the dashboard may use it).
DOWNLOAD_LABEL = pgettext_lazy("download link", "Download PDF")
