"""XLSX: an "About" sheet, one sheet per proposal (and one for the general discussion
when it has comments), and a "Survey results" sheet. Real cells: numbers are numbers,
times are dates in the site's time zone (named in the heading), text is always text
(never a formula, whatever it starts with). Written with openpyxl's write-only mode, so
rows go straight to the file instead of piling up in memory.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from .. import data

SHEET_NAME_MAX = 31
FORBIDDEN_IN_SHEET_NAMES = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
PROGRESS_EVERY = 500


def sheet_title(number, title, taken):
    """A valid, unique sheet name: "<number> <title>" cut to 31 characters."""
    base = f"{number} {title}".translate(FORBIDDEN_IN_SHEET_NAMES).strip().strip("'")
    name = base[:SHEET_NAME_MAX]
    suffix = 2
    while name.lower() in taken:
        tail = f" ({suffix})"
        name = base[: SHEET_NAME_MAX - len(tail)] + tail
        suffix += 1
    taken.add(name.lower())
    return name


def _local(value):
    """openpyxl has no time zones: a naive datetime in the site's zone."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value, timezone.get_default_timezone())
    return value


def _cell(sheet, value, bold=False):
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=_local(value))
    if isinstance(value, str):
        cell.data_type = "s"  # text that starts with "=" stays text, never a formula
    if isinstance(value, datetime.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    if bold:
        cell.font = Font(bold=True)
    return cell


def _header(sheet, labels):
    sheet.append([_cell(sheet, str(label), bold=True) for label in labels])


# The per-proposal sheets leave out the proposal's own columns (the sheet is the proposal).
SHEET_COLUMNS = [c for c in data.COLUMNS if c not in ("proposal_id", "proposal")]


def _column_labels():
    zone = settings.TIME_ZONE
    labels = []
    for column in SHEET_COLUMNS:
        label = str(data.COLUMN_LABELS[column])
        if column in ("created_at", "edited_at"):
            label = _("%(label)s (%(zone)s)") % {"label": label, "zone": zone}
        labels.append(label)
    return labels


def _about_sheet(workbook, consultation, rows_total):
    sheet = workbook.create_sheet(_("About"))
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 80
    rows = [
        (_("Consultation"), consultation.title),
        (_("Exported at"), timezone.now()),
        (_("Comments"), rows_total),
        (
            _("Which comments"),
            _(
                "Published comments, and withdrawn ones as rows without text. Comments "
                "awaiting moderation, hidden or removed are not included."
            ),
        ),
        (
            _("Participants"),
            _(
                "Each person is numbered in the order they first appear in this file. "
                "The numbers mean nothing outside this file and change from one export "
                "to the next."
            ),
        ),
    ]
    for label, value in rows:
        sheet.append([_cell(sheet, str(label), bold=True), _cell(sheet, value)])


def _comment_sheet(workbook, title, rows, progress, done):
    sheet = workbook.create_sheet(title)
    widths = {"text": 80, "created_at": 18, "edited_at": 18}
    for index, column in enumerate(SHEET_COLUMNS):
        letter = chr(ord("A") + index)
        sheet.column_dimensions[letter].width = widths.get(column, 12)
    _header(sheet, _column_labels())
    for row in rows:
        sheet.append([_cell(sheet, row[column]) for column in SHEET_COLUMNS])
        done += 1
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)
    return done


def _survey_sheet(workbook, results, taken):
    sheet = workbook.create_sheet(sheet_title("", _("Survey results"), taken))
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 14
    if not results:
        sheet.append([_cell(sheet, _("This consultation has no survey."))])
        return
    for survey in results:
        sheet.append([_cell(sheet, survey.title, bold=True)])
        sheet.append([_cell(sheet, _("Responses")), _cell(sheet, survey.responses)])
        for question in survey.questions:
            sheet.append([])
            sheet.append([_cell(sheet, question.text, bold=True)])
            sheet.append([_cell(sheet, _("Answered")), _cell(sheet, question.answered)])
            if question.options or question.scale:
                _header(sheet, [_("Answer"), _("People")])
            for text, count in question.options:
                sheet.append([_cell(sheet, text), _cell(sheet, count)])
            for value, count in question.scale:
                sheet.append([_cell(sheet, value), _cell(sheet, count)])
            if question.mean is not None:
                sheet.append(
                    [_cell(sheet, _("Average (1 to 5)")), _cell(sheet, round(question.mean, 2))]
                )
            for text in question.texts:
                sheet.append([_cell(sheet, text)])
        sheet.append([])


def write_xlsx(consultation, output, progress=None, survey_texts=False):
    """Write the workbook to `output` (a path or a binary file object); written survey
    answers only with `survey_texts`."""
    workbook = Workbook(write_only=True)
    rows_total = data.count_rows(consultation)
    _about_sheet(workbook, consultation, rows_total)
    pseudonyms = data.Pseudonyms()
    taken = {_("About").lower()}
    proposals = list(consultation.proposals.all())
    done = 0
    general = data.exported_comments(consultation).for_proposal(None).exists()
    if general or not proposals:
        rows = data.comment_rows(consultation, pseudonyms=pseudonyms, proposal=None)
        done = _comment_sheet(
            workbook, sheet_title("0", data.GENERAL_DISCUSSION, taken), rows, progress, done
        )
    for number, proposal in enumerate(proposals, start=1):
        rows = data.comment_rows(consultation, pseudonyms=pseudonyms, proposal=proposal)
        done = _comment_sheet(
            workbook, sheet_title(number, proposal.title, taken), rows, progress, done
        )
    _survey_sheet(workbook, data.survey_results(consultation, include_texts=survey_texts), taken)
    workbook.save(output)
    if progress:
        progress(done)
