"""Page set-up shared by every PDF the platform draws (reportlab).

The representation report (`engage.communities.pdf`) and the "what we heard" report
(`consultations.exports.writers.pdf`) look alike because they take their fonts, colours,
paragraph styles and page (A4, margins, document metadata) from here.

Fonts: DejaVu Sans when installed (settings.REPORT_PDF_FONT may name another TrueType
font), otherwise reportlab's bundled Vera (Latin only), otherwise Helvetica.
Right-to-left languages are right-aligned, but reportlab does not shape Arabic script
without extra libraries: Arabic and Urdu text appears as unjoined letters in logical
order. The HTML pages are the accessible, fully shaped versions.
"""

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import translation

FONT_CANDIDATES = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
]
PARTICIPANT_COLOUR = "#1f5f8b"
BASELINE_COLOUR = "#b0b7bf"
# Page margins in millimetres (left and right, top and bottom).
SIDE_MARGIN_MM = 18
END_MARGIN_MM = 16


@functools.cache
def report_fonts():
    """(regular, bold) font names registered with reportlab."""
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    candidates = []
    configured = getattr(settings, "REPORT_PDF_FONT", "")
    if configured:
        candidates.append((configured, ""))
    candidates += FONT_CANDIDATES
    for regular, bold_name in candidates:
        if os.path.exists(regular):
            bold = Path(regular).with_name(bold_name) if bold_name else None
            pdfmetrics.registerFont(TTFont("EngageSans", regular))
            if bold is not None and bold.exists():
                pdfmetrics.registerFont(TTFont("EngageSans-Bold", str(bold)))
                return "EngageSans", "EngageSans-Bold"
            return "EngageSans", "EngageSans"
    for folder in rl_config.TTFSearchPath:
        vera = Path(folder.replace("{RL_DIR}", os.path.dirname(rl_config.__file__)), "Vera.ttf")
        if vera.exists():
            pdfmetrics.registerFont(TTFont("EngageSans", str(vera)))
            bold = vera.with_name("VeraBd.ttf")
            if bold.exists():
                pdfmetrics.registerFont(TTFont("EngageSans-Bold", str(bold)))
                return "EngageSans", "EngageSans-Bold"
            return "EngageSans", "EngageSans"
    return "Helvetica", "Helvetica-Bold"


@dataclass
class PageStyles:
    """The fonts and paragraph styles of a report."""

    regular: str
    bold: str
    body: object
    small: object
    heading: object
    title: object


def page_styles(rtl, body=(9, 12), heading=(13, 16), heading_space_before=0):
    """Paragraph styles, right-aligned for right-to-left languages. `body` and `heading`
    are (font size, leading) in points; the title is 18/22, small print 7.5/9.5."""
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    regular, bold = report_fonts()
    align = TA_RIGHT if rtl else TA_LEFT
    body_style = ParagraphStyle(
        "body", fontName=regular, fontSize=body[0], leading=body[1], alignment=align
    )
    heading_style = ParagraphStyle(
        "heading",
        parent=body_style,
        fontName=bold,
        fontSize=heading[0],
        leading=heading[1],
        spaceBefore=heading_space_before,
    )
    return PageStyles(
        regular=regular,
        bold=bold,
        body=body_style,
        small=ParagraphStyle("small", parent=body_style, fontSize=7.5, leading=9.5),
        heading=heading_style,
        title=ParagraphStyle("title", parent=heading_style, fontSize=18, leading=22, spaceBefore=0),
    )


def report_document(buffer, title, language=None):
    """An A4 `SimpleDocTemplate` writing to `buffer`, with the shared margins and the
    document's title, author and language (the active one unless given)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=SIDE_MARGIN_MM * mm,
        rightMargin=SIDE_MARGIN_MM * mm,
        topMargin=END_MARGIN_MM * mm,
        bottomMargin=END_MARGIN_MM * mm,
        title=title,
        author="Engage",
        lang=language or translation.get_language(),
    )
