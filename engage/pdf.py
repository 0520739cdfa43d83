"""Page set-up shared by every PDF the platform draws (reportlab).

The representation report (`engage.communities.pdf`), the "what we heard" report
(`consultations.exports.writers.pdf`), the equality impact assessment, the policy matrix
and the monitoring dashboard look alike because they take their fonts, colours,
paragraph styles and page (A4, margins, document metadata) from here.

Fonts: Engage Report Sans (`engage/static/engage/fonts/`, SIL OFL 1.1), one TrueType
per weight made from Noto Sans, Noto Naskh Arabic and Noto Sans Math, so one font
covers Latin, Arabic script and the arrows and minus sign of every catalogue. reportlab
embeds the glyphs each document uses.

Arabic script: reportlab draws one glyph per character in the order given and does
no shaping of its own (its built-in shaping needs uharfbuzz, which Engage does not
install). So every text goes through `paragraph()` (flowing text, table cells) or
`visual()` (chart labels and other single lines): arabic-reshaper turns the letters
into their joined presentation forms, and python-bidi puts each *line*, after
wrapping, into visual order, with mirrored brackets. A paragraph in a right-to-left
report, or one whose first strong letter is right-to-left (Arabic user content in an
English report), reads right to left and is right-aligned. Urdu is set in Naskh
rather than Nastaliq (see the fonts' README). The HTML pages remain the accessible
versions.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils import translation

FONT_DIR = Path(__file__).resolve().parent / "static" / "engage" / "fonts"
REGULAR_FONT = "EngageReportSans-Regular"
BOLD_FONT = "EngageReportSans-Bold"
PARTICIPANT_COLOUR = "#1f5f8b"
BASELINE_COLOUR = "#b0b7bf"
# Page margins in millimetres (left and right, top and bottom).
SIDE_MARGIN_MM = 18
END_MARGIN_MM = 16

# Letters that arabic-reshaper joins: the Arabic blocks (presentation forms included).
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
RIGHT_TO_LEFT = {"R", "AL"}
# The isolates (LRI, RLI, FSI, PDI) that python-bidi's pure-Python algorithm predates
# and rejects; dropped, so pasted user text can never stop a report.
ISOLATES = dict.fromkeys(range(0x2066, 0x206A))


@functools.cache
def report_fonts():
    """(regular, bold) font names registered with reportlab: Engage Report Sans."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in (REGULAR_FONT, BOLD_FONT):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))
    return REGULAR_FONT, BOLD_FONT


# --- right-to-left text --------------------------------------------------------------------


@functools.cache
def _reshaper():
    import arabic_reshaper

    # Vowel marks (harakat) are left out: without OpenType mark positioning reportlab
    # would draw them beside their letter rather than above or below it, and Arabic
    # and Urdu read fully without them.
    return arabic_reshaper.ArabicReshaper(
        configuration={"delete_harakat": True, "support_ligatures": True}
    )


def needs_bidi(text):
    """Whether `text` holds a right-to-left letter (and so needs shaping and reordering)."""
    return any(unicodedata.bidirectional(char) in RIGHT_TO_LEFT for char in text)


def first_strong_is_rtl(text):
    """The direction HTML's dir="auto" picks: that of the first strong letter."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in RIGHT_TO_LEFT:
            return True
        if direction == "L":
            return False
    return False


def shape(text):
    """`text` with Arabic-script letters in their joined presentation forms, still in
    logical order (wrap it, then call `reorder()` line by line)."""
    text = text.translate(ISOLATES)
    return _reshaper().reshape(text) if ARABIC_SCRIPT.search(text) else text


def reorder(line, rtl):
    """One shaped line in visual (left-to-right drawing) order; `rtl` is the base
    direction."""
    # The pure-Python algorithm mirrors brackets on right-to-left runs; the compiled one
    # (`bidi.get_display`) does not.
    from bidi.algorithm import get_display

    return get_display(line, base_dir="R" if rtl else "L")


def visual(text, rtl=False):
    """A single line ready to draw: shaped and in visual order when it holds
    right-to-left letters, unchanged otherwise. It reads right to left in a
    right-to-left report (`rtl`), and otherwise when its first strong letter does."""
    text = str(text)
    if not needs_bidi(text):
        return text
    return reorder(shape(text), rtl or first_strong_is_rtl(text))


def _wrap(words, font, size, width):
    """Greedy line breaking of logical-order words; a word wider than a line stands
    alone (reportlab then breaks it)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, current = [], ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and stringWidth(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current]


@functools.cache
def _bidi_paragraph_class():
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph
    from reportlab.platypus.flowables import Flowable

    class BidiParagraph(Flowable):
        """Text with right-to-left letters: shaped, wrapped in logical order to the
        width it is given, then each line put in visual order and drawn as one line of
        an ordinary Paragraph (so splitting across pages and table cells work as
        usual)."""

        def __init__(self, text, style, rtl):
            super().__init__()
            self.text, self.style, self.rtl = text, style, rtl
            self._paragraph = None

        def _layout(self, width):
            style = self.style
            size = style.fontSize
            room = width - style.leftIndent - style.rightIndent
            lines = []
            for block in self.text.split("\n"):
                words = shape(block).split()
                lines += _wrap(words, style.fontName, size, room) if words else [""]
            markup = "<br/>".join(escape(reorder(line, self.rtl)) for line in lines)
            aligned = ParagraphStyle(
                f"{style.name}-bidi", parent=style, alignment=TA_RIGHT if self.rtl else TA_LEFT
            )
            self._paragraph = Paragraph(markup, aligned)

        def wrap(self, available_width, available_height):
            self._layout(available_width)
            self.width, self.height = self._paragraph.wrap(available_width, available_height)
            return self.width, self.height

        def split(self, available_width, available_height):
            self._layout(available_width)
            return self._paragraph.split(available_width, available_height)

        def minWidth(self):
            from reportlab.pdfbase.pdfmetrics import stringWidth

            words = shape(self.text).split() or [""]
            return max(stringWidth(w, self.style.fontName, self.style.fontSize) for w in words)

        def getSpaceBefore(self):
            return self.style.spaceBefore

        def getSpaceAfter(self):
            return self.style.spaceAfter

        def draw(self):
            self._paragraph.drawOn(self.canv, 0, 0)

    return BidiParagraph


def paragraph(text, style):
    """A flowable for plain `text` (not markup; newlines break lines) in `style`.

    Text with no right-to-left letter is an ordinary Paragraph. Text with one is shaped
    and laid out line by line in visual order; its base direction is the report's when
    `style` is right-aligned (a right-to-left report), otherwise that of its first
    strong letter, as dir="auto" would choose."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.platypus import Paragraph

    text = str(text)
    if not needs_bidi(text):
        return Paragraph(escape(text).replace("\n", "<br/>"), style)
    rtl = style.alignment == TA_RIGHT or first_strong_is_rtl(text)
    return _bidi_paragraph_class()(text, style, rtl)


# --- styles and page -----------------------------------------------------------------------


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
