"""The EIA as a PDF (reportlab, with the page set-up shared in `engage.pdf`)."""

import io

from django.utils import translation
from django.utils.translation import gettext as _

from engage.pdf import page_styles, paragraph, report_document

from .content import EiaDocument


def _p(text, style):
    return paragraph(text, style)


def _bookmark(title, key, level):
    """A zero-size flowable that adds `title` to the PDF's outline (the bookmarks pane),
    so that readers can jump to each characteristic and aim."""
    from reportlab.platypus.flowables import Flowable

    class Bookmark(Flowable):
        width = height = 0

        def wrap(self, *args):
            return 0, 0

        def draw(self):
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(str(title), key, level=level)

    return Bookmark()


def _heading(title, key, level, styles):
    return [_bookmark(title, key, level), _p(title, styles.heading)]


def _table(header, rows, styles, widths):
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    data = [[_p(cell, styles.small) for cell in header]]
    data += [[_p(cell, styles.small) for cell in row] for row in rows]
    table = Table(data, colWidths=[width * mm for width in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def group_header():
    return [
        _("Community group"),
        _("Expected impact"),
        _("Rationale"),
        _("Confidence"),
        _("Perceived: people like them"),
        _("Perceived: other people"),
        _("Participation"),
    ]


def group_row(line):
    return [
        line.group,
        line.expected,
        line.rationale,
        line.confidence,
        line.perceived_self,
        line.perceived_others,
        line.participation,
    ]


def register_header():
    return [
        _("Possible consequence"),
        _("Category"),
        _("Score"),
        _("Mitigation"),
        _("Owner"),
        _("Next review"),
        _("Status"),
    ]


def register_row(line):
    return [
        line.description,
        line.category,
        f"{line.score} ({line.likelihood} × {line.severity})",
        line.mitigation,
        line.owner,
        line.review_date,
        line.status,
    ]


def intro_lines(document: EiaDocument):
    return [
        _("Subject: %(subject)s") % {"subject": document.subject},
        _("Policy area: %(area)s") % {"area": document.policy_area},
        _("Status: %(status)s, version %(version)s")
        % {"status": document.status, "version": document.version},
        _(
            "Perceived impact and participation count only people who consented to share "
            "their community groups; counts below %(threshold)s are hidden."
        )
        % {"threshold": document.threshold},
    ]


def eia_pdf(document: EiaDocument):
    """The PDF bytes of `document`."""
    from reportlab.platypus import Spacer

    buffer = io.BytesIO()
    title = _("Equality impact assessment: %(title)s") % {"title": document.title}
    styles = page_styles(translation.get_language_bidi())
    story = [_p(title, styles.title)]
    story += [_p(line, styles.body) for line in intro_lines(document)]
    if document.summary:
        story.append(_p(document.summary, styles.body))
    story += _heading(_("Protected characteristics (Equality Act 2010)"), "pc", 0, styles)
    widths = [26, 20, 36, 16, 28, 28, 20]
    for section in document.characteristics:
        story += _heading(section.title, f"pc-{section.code}", 1, styles)
        if section.dimensions:
            story.append(
                _p(
                    _("From: %(dimensions)s") % {"dimensions": ", ".join(section.dimensions)},
                    styles.small,
                )
            )
        story += [_p(note, styles.body) for note in section.notes]
        if section.groups:
            rows = [group_row(line) for line in section.groups]
            story.append(_table(group_header(), rows, styles, widths))
        story.append(Spacer(1, 4))
    story += _heading(_("The Public Sector Equality Duty's three aims"), "psed", 0, styles)
    for section in document.aims:
        story += _heading(section.title, f"psed-{section.code}", 1, styles)
        story += [_p(note, styles.body) for note in section.notes]
    story += _heading(_("Unintended consequences register"), "register", 0, styles)
    if document.register:
        rows = [register_row(line) for line in document.register]
        story.append(_table(register_header(), rows, styles, [44, 22, 16, 40, 20, 18, 14]))
    else:
        story.append(_p(_("No possible consequence is recorded."), styles.body))
    report_document(buffer, title).build(story)
    return buffer.getvalue()
