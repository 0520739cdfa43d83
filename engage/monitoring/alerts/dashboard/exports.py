"""Downloads of the dashboard: CSV (every week's figure) and PDF (the period's figures).

Both take the page's query string, contain only the areas the reader may download
("accounts.export" for `area:<code>`, or the city), and are recorded with
`engage.policy.services.record_export` before they leave: one record for the city when
the reader may export it all, otherwise one per area downloaded. The figures are those
the providers published (withheld values stay withheld); missing weeks are absent, and
a series that cannot answer the filters says so instead of giving numbers.
"""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from engage.communities.scopes import CITY
from engage.pdf import page_styles, paragraph, report_document
from engage.policy.services import record_export

from . import access
from .figures import FILTER_LABELS, SHOWN, STATE_LABELS, UNAVAILABLE, WITHHELD
from .views import build_dashboard

EXPORT_KIND = "community_sentiment"
CSV_HEADER = (
    "area_code",
    "area_name",
    "series",
    "series_label",
    "unit",
    "week",
    "value",
    "observations",
    "state",
)


def csv_rows(figures):
    """One row per area, series and week with a point; one row per area and series
    with no point ("no data") or no answer to the filters ("not available…")."""
    for area, cells in figures.rows:
        for cell in cells:
            series = cell.series
            head = [area.code, area.name, series.key, str(series.label), series.unit]
            points = [point for point in cell.weekly if point is not None]
            if cell.state == UNAVAILABLE or not points:
                yield [*head, "", "", "", str(STATE_LABELS[cell.state])]
                continue
            for point in points:
                shown = point.value is not None
                yield [
                    *head,
                    point.week.isoformat(),
                    "" if not shown else f"{point.value:.6g}",
                    point.count,
                    "shown" if shown else "withheld",
                ]


def dashboard_csv(figures):
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(figures))
    return output.getvalue()


def _period_line(figures):
    return _("Weeks of %(since)s to %(until)s (%(count)s weeks).") % {
        "since": formats.date_format(figures.since, "SHORT_DATE_FORMAT"),
        "until": formats.date_format(figures.weeks[-1], "SHORT_DATE_FORMAT"),
        "count": len(figures.weeks),
    }


def _filter_line(filters):
    active = [f"{FILTER_LABELS[name]}: {value}" for name, value in filters.items() if value]
    if not active:
        return _("No filter: every text, answer and report counts.")
    return _("Filtered by %(filters)s.") % {"filters": "; ".join(active)}


def dashboard_pdf(figures, filters, language=None):
    """The PDF bytes: per series, a table of every area's figure for the period."""
    from reportlab.lib import colors
    from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

    rtl = translation.get_language_bidi()
    styles = page_styles(rtl, heading_space_before=10)
    buffer = io.BytesIO()
    title = _("Community sentiment")
    doc = report_document(buffer, title, language)
    story = [paragraph(title, styles.title), Spacer(1, 4)]
    story.append(paragraph(_period_line(figures), styles.body))
    story.append(paragraph(_filter_line(filters), styles.body))
    for index, column in enumerate(figures.columns):
        story.append(paragraph(str(column.label), styles.heading))
        if not column.available:
            story.append(paragraph(str(STATE_LABELS[UNAVAILABLE]).capitalize() + ".", styles.body))
            continue
        header = [
            _("Area"),
            str(column.summary_label).capitalize(),
            _("Latest week"),
            _("Trend"),
            _("Observations"),
        ]
        rows = [header]
        for area, cells in figures.rows:
            cell = cells[index]
            latest = ""
            if cell.latest is not None:
                latest = _("%(value)s (week of %(week)s)") % {
                    "value": cell.latest_label,
                    "week": formats.date_format(cell.latest.week, "SHORT_DATE_FORMAT"),
                }
            count = str(cell.count) if cell.state in (SHOWN, WITHHELD) else ""
            rows.append([area.name, cell.label, latest, cell.trend_label, count])
        table = Table(
            [[paragraph(str(text), styles.small) for text in row] for row in rows],
            colWidths=[w * doc.width for w in (0.3, 0.2, 0.25, 0.1, 0.15)],
            repeatRows=1,
        )
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
    story += [
        Spacer(1, 8),
        paragraph(
            _(
                "Weeks without data are left out, never counted as zero. Figures based "
                "on few observations may be withheld by their source. How to read each "
                "figure: the community sentiment dashboard section of the monitoring "
                "documentation."
            ),
            styles.small,
        ),
    ]
    doc.build(story)
    return buffer.getvalue()


def _download(request, export_format, content_type, render_file):
    dashboard = build_dashboard(request.user, request.GET, for_export=True)
    if not dashboard.valid:
        errors = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in dashboard.form.errors.items()
        )
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    content = render_file(dashboard)
    response = HttpResponse(content, content_type=content_type)
    stem = f"community-sentiment-{timezone.now():%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="{stem}.{export_format}"'
    response["Cache-Control"] = "no-store"
    parameters = {
        "series": ",".join(column.key for column in dashboard.figures.columns),
        "since": dashboard.figures.since.isoformat(),
        "until": dashboard.figures.until.isoformat(),
        **dashboard.form.filters(),
    }
    parameters = {key: value for key, value in parameters.items() if value}
    if access.may_export_city(request.user):
        record_export(request.user, EXPORT_KIND, CITY, export_format, **parameters)
    else:
        for area in dashboard.areas:
            record_export(
                request.user, EXPORT_KIND, access.area_scope(area.code), export_format, **parameters
            )
    return response


@never_cache
@login_required
def export_csv(request):
    """Every week's figure of every area and series shown, as CSV."""
    return _download(request, "csv", "text/csv; charset=utf-8", lambda d: dashboard_csv(d.figures))


@never_cache
@login_required
def export_pdf(request):
    """The period's figures of every area and series shown, as a PDF."""
    return _download(
        request,
        "pdf",
        "application/pdf",
        lambda d: dashboard_pdf(d.figures, d.form.filters(), translation.get_language()),
    )
