"""The EIA as an editable Word document (python-docx), with the same content as the PDF
so that officers can complete it in the city's own template."""

import io

from django.utils.translation import gettext as _

from .content import EiaDocument
from .pdf import group_header, group_row, intro_lines, register_header, register_row


def _table(document, header, rows):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = str(text)
    return table


def eia_docx(document: EiaDocument):
    """The .docx bytes of `document`."""
    from docx import Document

    word = Document()
    title = _("Equality impact assessment: %(title)s") % {"title": document.title}
    word.core_properties.title = title
    word.core_properties.author = "Engage"
    word.add_heading(title, level=0)
    for line in intro_lines(document):
        word.add_paragraph(line)
    if document.summary:
        word.add_paragraph(document.summary)
    word.add_heading(_("Protected characteristics (Equality Act 2010)"), level=1)
    for section in document.characteristics:
        word.add_heading(section.title, level=2)
        if section.dimensions:
            word.add_paragraph(
                _("From: %(dimensions)s") % {"dimensions": ", ".join(section.dimensions)}
            )
        for note in section.notes:
            word.add_paragraph(note)
        if section.groups:
            _table(word, group_header(), [group_row(line) for line in section.groups])
    word.add_heading(_("The Public Sector Equality Duty's three aims"), level=1)
    for section in document.aims:
        word.add_heading(section.title, level=2)
        for note in section.notes:
            word.add_paragraph(note, style="List Bullet")
    word.add_heading(_("Unintended consequences register"), level=1)
    if document.register:
        _table(word, register_header(), [register_row(line) for line in document.register])
    else:
        word.add_paragraph(_("No possible consequence is recorded."))
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
