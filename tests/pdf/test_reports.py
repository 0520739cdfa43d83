"""The reports' PDFs in Arabic and Urdu, and an English report holding Arabic user
content: the fonts are embedded, Arabic-script letters are drawn joined (presentation
forms) in visual order, and Latin text is drawn as before.

The PDFs are read back with `pdftext` (glyphs mapped to characters through each
embedded font's ToUnicode map); the expected drawings come from `arabic`, an oracle
built on the Unicode character database, not from the code under test."""

import pytest
from django.utils import translation

from consultations.exports.writers import pdf as heard_pdf
from engage.communities import pdf as representation_pdf
from engage.communities.representation import representation_report

from . import pdftext
from .arabic import drawn_phrase, drawn_word, letters_with_joined_forms

pytestmark = pytest.mark.django_db

ETHNICITY = {"ar": "العرق", "ur": "نسل"}
PROPOSAL = {"ar": "ممرات أوسع", "ur": "چوڑے فٹ پاتھ"}
ARABIC_USER_TITLE = "ممرات أوسع للمشي"  # no lam-alef, no vowel marks


def read(data):
    document = pdftext.read(data)
    return document, "\n".join(pdftext.page_texts(document))


def assert_fonts_embedded(document):
    names = {font.base_name.split("+", 1)[1] for font in document.fonts.values()}
    assert names <= {"EngageReportSans-Regular", "EngageReportSans-Bold"}
    assert "EngageReportSans-Regular" in names
    assert all(font.embedded for font in document.fonts.values())
    # No text was drawn in a font that is not embedded (Helvetica and friends).
    assert "\ufffd" not in pdftext.page_texts(document)[0]


def assert_joined(text):
    """No letter that has joined forms is drawn in its unjoined, logical form."""
    unjoined = {c for c in text if c in letters_with_joined_forms()}
    assert unjoined == set()
    assert any("\ufb50" <= c <= "\ufeff" for c in text)


def representation(report_setup, city, language):
    dimension = city.dimensions["ethnicity"]
    setattr(dimension, f"name_{language}", ETHNICITY[language])
    dimension.save()
    with translation.override(language):
        published = representation_report(f"consultation:{report_setup.pk}").publishable()
    return representation_pdf.report_pdf(published, "Testville", language=language)


@pytest.mark.parametrize("language", ["ar", "ur"])
def test_representation_report_draws_arabic_script_joined_and_right_to_left(
    report_setup, city, language
):
    document, text = read(representation(report_setup, city, language))
    assert_fonts_embedded(document)
    assert drawn_word(ETHNICITY[language]) in text.splitlines()
    assert ETHNICITY[language] not in text  # never in logical order
    assert_joined(text)
    # Latin text (the area and the group names) is untouched.
    assert "Testville" in text
    assert {"A", "B", "C"} <= set(text.splitlines())


@pytest.mark.parametrize("language", ["ar", "ur"])
def test_what_we_heard_draws_arabic_script_joined_and_right_to_left(heard, language):
    proposal = heard.proposals[0]
    setattr(proposal, f"title_{language}", PROPOSAL[language])
    proposal.save()
    document, text = read(heard_pdf.report_pdf(heard.consultation, language))
    assert_fonts_embedded(document)
    assert drawn_phrase(PROPOSAL[language]) in text.splitlines()
    # Every letter drawn, the translated interface's included, is joined.
    assert_joined(text)


def test_english_report_draws_arabic_user_content_joined(heard):
    proposal = heard.proposals[1]
    proposal.title_en = ARABIC_USER_TITLE
    proposal.save()
    heard.consultation.title_en = "Safer streets"
    heard.consultation.save()
    document, text = read(heard_pdf.report_pdf(heard.consultation, "en"))
    assert_fonts_embedded(document)
    lines = text.splitlines()
    # The proposal's own heading and its label in the overview chart.
    assert drawn_phrase(ARABIC_USER_TITLE) in lines
    assert lines.count(drawn_phrase(ARABIC_USER_TITLE)) >= 2
    assert ARABIC_USER_TITLE not in text
    # Latin is drawn as written.
    assert "What we heard: Safer streets" in lines
    assert "Wider pavements" in lines
    assert "Overview" in lines


def test_latin_with_polish_and_turkish_letters_is_drawn_as_written(heard):
    heard.consultation.title_pl = "Bezpieczniejsze ulice w Łodzi"
    heard.consultation.save()
    heard.proposals[0].title_tr = "Daha geniş kaldırımlar: İzmir, Iğdır"
    heard.proposals[0].save()
    _document, polish = read(heard_pdf.report_pdf(heard.consultation, "pl"))
    _document, turkish = read(heard_pdf.report_pdf(heard.consultation, "tr"))
    assert "Bezpieczniejsze ulice w Łodzi" in polish
    assert "Daha geniş kaldırımlar: İzmir, Iğdır" in turkish.splitlines()
