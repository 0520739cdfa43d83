"""The matrix as JSON, CSV and PDF (the same records for the command and the page's
downloads, which are recorded with `record_export`)."""

import csv
import io
import json

from django.utils import translation
from django.utils.translation import gettext as _

from . import conf

FIELDS = (
    "policy_area",
    "policy_area_name",
    "dimension",
    "group",
    "group_name",
    "risk_weight",
    "assessments",
    "expected_mean",
    "expected_known",
    "expected_unknown",
    "perceived_mean",
    "perceived_respondents",
    "tension",
    "negative_share",
    "impact",
    "signal",
    "score",
    "reason",
)


def _text(record):
    return {key: str(value) if key == "reason" else value for key, value in record.items()}


def matrix_json(matrix):
    """`{"filters", "signals", "weights", "cells": [record]}`; missing values are null."""
    return json.dumps(
        {
            "filters": matrix.filters.as_parameters(),
            "signals": matrix.signals,
            "weights": conf.weights(),
            "signal_weight": conf.signal_weight(),
            "cells": [_text(record) for record in matrix.records()],
        },
        indent=2,
        ensure_ascii=False,
    )


def matrix_csv(matrix):
    """One row per cell; a missing value is the word "missing", never 0."""
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(FIELDS)
    for record in matrix.records():
        writer.writerow(
            ["missing" if record[name] is None else str(record[name]) for name in FIELDS]
        )
    return output.getvalue()


def matrix_pdf(matrix, language=None):
    """The focus list (every scored cell, highest first, with its reason) as a PDF."""
    from reportlab.lib import colors
    from reportlab.platypus import Spacer, Table, TableStyle

    from engage.pdf import page_styles, paragraph, report_document

    styles = page_styles(translation.get_language_bidi(), heading_space_before=10)
    buffer = io.BytesIO()
    title = _("City policy × community matrix")
    doc = report_document(buffer, title, language)
    story = [paragraph(title, styles.title), Spacer(1, 4)]
    story.append(
        paragraph(
            _(
                "Cells ranked by score, highest first; missing inputs are named, never "
                "counted as zero. The formula: docs/impact.md, “The city matrix”."
            ),
            styles.body,
        )
    )
    rows = [[_("Rank"), _("Policy area"), _("Community group"), _("Score"), _("Reason")]]
    for rank, cell in enumerate(matrix.ranked(), start=1):
        rows.append(
            [
                str(rank),
                cell.policy_area.name,
                cell.group.name,
                f"{cell.score:.1f}",
                cell.result.reason_text(),
            ]
        )
    if len(rows) == 1:
        story.append(paragraph(_("No cell has a score yet."), styles.body))
    else:
        table = Table(
            [[paragraph(str(text), styles.small) for text in row] for row in rows],
            colWidths=[w * doc.width for w in (0.07, 0.18, 0.18, 0.09, 0.48)],
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
        story.append(table)
    doc.build(story)
    return buffer.getvalue()
