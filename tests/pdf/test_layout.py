"""How `engage.pdf.paragraph()` lays out Arabic script: wrapping in logical order, the
base direction of mixed text, alignment, and direction controls in pasted text. Read
back from the PDF with `pdftext`; expected drawings from the `arabic` oracle."""

import io
import unicodedata

from engage.pdf import page_styles, paragraph, report_document

from . import pdftext
from .arabic import drawn_phrase, drawn_word

ARABIC_USER_TITLE = "ممرات أوسع للمشي"  # no lam-alef, no vowel marks


def _draw(flowables, rtl):
    buffer = io.BytesIO()
    report_document(buffer, "test", "ar" if rtl else "en").build(flowables)
    return [
        line for line in pdftext.page_texts(pdftext.read(buffer.getvalue()))[0].splitlines() if line
    ]


def test_a_long_right_to_left_paragraph_wraps_in_logical_order():
    """The first line drawn holds the first words, the first word rightmost: lines are
    put in visual order after wrapping, not before."""
    letters = "بتثجحخسشصضطظعغفقكلمنهي"
    words = [f"{a}{b}{c}" for a in letters[:6] for b in letters[6:12] for c in "سم"]
    styles = page_styles(rtl=True)
    lines = [line for line in _draw([paragraph(" ".join(words), styles.body)], True) if line]
    assert len(lines) > 2
    assert lines[0].split()[-1] == drawn_word(words[0])
    assert lines[-1].split()[0] == drawn_word(words[-1])
    drawn = [word for line in lines for word in reversed(line.split())]
    assert drawn == [drawn_word(word) for word in words]


def test_arabic_in_an_english_sentence_keeps_the_sentence_left_to_right():
    styles = page_styles(rtl=False)
    (line,) = _draw([paragraph(f"Where: {ARABIC_USER_TITLE}, Testville", styles.body)], False)
    assert line == f"Where: {drawn_phrase(ARABIC_USER_TITLE)}, Testville"


def test_arabic_user_content_is_right_aligned_in_a_left_to_right_report():
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT

    styles = page_styles(rtl=False)
    flowable = paragraph(ARABIC_USER_TITLE, styles.body)
    flowable.wrap(300, 100)
    assert flowable._paragraph.style.alignment == TA_RIGHT
    latin = paragraph("Wider pavements", styles.body)
    latin.wrap(300, 100)
    assert latin.style.alignment == TA_LEFT


def test_pasted_direction_controls_do_not_stop_a_report():
    styles = page_styles(rtl=True)
    text = f"\u2068{ARABIC_USER_TITLE}\u2069 \u202bx\u202c"
    (line,) = _draw([paragraph(text, styles.body)], True)
    assert drawn_phrase(ARABIC_USER_TITLE) in line
    assert all(unicodedata.category(c) != "Cf" for c in line)
