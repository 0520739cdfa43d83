"""Every character of every catalogue is in the shipped font for its script: the PDF
font (read with reportlab) and the web fonts (through coverage.json, which build.py
writes and whose checksums pin it to the files), within the unicode-range that
fonts.css declares for them."""

import hashlib
import json
import re
import unicodedata
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from engage.pdf import FONT_DIR

from .catalogues import catalogue_characters

CSS = FONT_DIR.parent / "css" / "fonts.css"
ARABIC_SCRIPT = {"ar", "ur"}


def drawn(characters):
    """The characters a font must draw: not line breaks or tabs."""
    return {c for c in characters if unicodedata.category(c) not in {"Cc"}}


@pytest.fixture(scope="module")
def catalogues():
    return catalogue_characters()


@pytest.fixture(scope="module")
def faces():
    """{family: [(file name, declared unicode-range as a set of code points)]}"""
    css = CSS.read_text(encoding="utf-8")
    result = {}
    for block in re.findall(r"@font-face\s*{(.*?)}", css, re.S):
        family = re.search(r'font-family:\s*"([^"]+)"', block).group(1)
        source = re.search(r'url\("\.\./fonts/([^"]+)"\)', block).group(1)
        declared = set()
        for start, end in re.findall(
            r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?", re.search(r"unicode-range:([^;]+);", block).group(1)
        ):
            declared.update(range(int(start, 16), int(end or start, 16) + 1))
        result.setdefault(family, []).append((source, declared))
    return result


@pytest.fixture(scope="module")
def web_coverage():
    coverage = json.loads((FONT_DIR / "coverage.json").read_text())
    for name, entry in coverage.items():
        digest = hashlib.sha256((FONT_DIR / name).read_bytes()).hexdigest()
        assert digest == entry["sha256"], f"{name} changed: run build.py again"
    return {name: set(entry["codepoints"]) for name, entry in coverage.items()}


def test_every_catalogue_has_characters(catalogues):
    assert set(catalogues) >= {"en", "ar", "de", "es", "fr", "nl", "pl", "so", "tr", "ur"}
    assert all(len(characters) > 40 for characters in catalogues.values())


@pytest.mark.parametrize("weight", ["Regular", "Bold"])
def test_pdf_font_draws_every_catalogue_character(catalogues, weight):
    font = TTFont(f"coverage-{weight}", str(Path(FONT_DIR, f"EngageReportSans-{weight}.ttf")))
    mapped = set(font.face.charToGlyph)
    missing = {
        language: "".join(sorted(c for c in drawn(characters) if ord(c) not in mapped))
        for language, characters in catalogues.items()
    }
    assert {language: gap for language, gap in missing.items() if gap} == {}


def test_pdf_font_draws_the_joined_forms_of_arabic_and_urdu_letters(catalogues):
    """arabic-reshaper replaces letters by their presentation forms, so those must be
    in the PDF font too."""
    from engage.pdf import shape

    font = TTFont("coverage-shaped", str(Path(FONT_DIR, "EngageReportSans-Regular.ttf")))
    mapped = set(font.face.charToGlyph)
    for language in ARABIC_SCRIPT:
        letters = [c for c in catalogues[language] if unicodedata.category(c) == "Lo"]
        # Each letter alone, at the start, in the middle and at the end of a word.
        words = [f"{c}" for c in letters] + [f"ب{c}ب" for c in letters] + [f"{c}ب" for c in letters]
        shaped = set(shape(" ".join(words)))
        assert "".join(sorted(c for c in shaped if ord(c) not in mapped)) == ""


def test_web_fonts_draw_every_catalogue_character_within_their_declared_range(
    catalogues, faces, web_coverage
):
    """A character is covered when a face of a family in the language's stack both has
    it and declares it in its unicode-range (else the browser never asks that file)."""
    stacks = {
        "ur": ["Noto Nastaliq Urdu", "Noto Naskh Arabic", "Noto Sans"],
        "ar": ["Noto Sans", "Noto Naskh Arabic"],
    }
    gaps = {}
    for language, characters in catalogues.items():
        families = stacks.get(language, ["Noto Sans"])
        faces_in_stack = [face for family in families for face in faces[family]]
        regular = [(name, declared) for name, declared in faces_in_stack if "Bold" not in name]
        missing = [
            c
            for c in drawn(characters)
            if c != " "
            and not any(
                ord(c) in declared and ord(c) in web_coverage[name] for name, declared in regular
            )
        ]
        if missing:
            gaps[language] = "".join(sorted(missing))
    assert gaps == {}


def test_urdu_text_uses_nastaliq_and_its_own_letters_are_in_it(catalogues, web_coverage):
    urdu_letters = {c for c in catalogues["ur"] if unicodedata.category(c) == "Lo"}
    nastaliq = web_coverage["NotoNastaliqUrdu-Regular.arabic.woff2"]
    assert "".join(sorted(c for c in urdu_letters if ord(c) not in nastaliq)) == ""
    assert ":lang(ur)" in CSS.read_text(encoding="utf-8")
