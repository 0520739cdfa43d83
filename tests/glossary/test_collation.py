"""Glossary terms in alphabetical order and under the right letter in each language."""

import pytest

from engage.policy.glossary.collation import index_letter, sort_key


def ordered(labels, language):
    return sorted(labels, key=lambda label: sort_key(label, language))


def test_arabic_files_terms_under_the_letter_after_the_article():
    labels = ["التماسك المجتمعي", "التطرف", "الراديكالية", "أمن المجتمع", "خطاب الكراهية"]
    assert [index_letter(label, "ar") for label in labels] == ["ت", "ت", "ر", "ا", "خ"]
    assert ordered(labels, "ar") == [
        "أمن المجتمع",
        "التطرف",
        "التماسك المجتمعي",
        "خطاب الكراهية",
        "الراديكالية",
    ]


def test_a_word_too_short_to_carry_the_article_keeps_it():
    assert index_letter("الم", "ar") == "ا"
    assert index_letter("ال", "ar") == "ا"
    assert index_letter("الما", "ar") == "م"


def test_urdu_follows_the_urdu_alphabet_not_code_points():
    # By code point پ (U+067E), ٹ, چ, ک and گ would come after ی and ن.
    labels = ["نفرت انگیز تقریر", "پناہ کا متلاشی", "قطبیت", "گروہ", "سماجی ہم آہنگی", "آبادی"]
    assert ordered(labels, "ur") == [
        "آبادی",
        "پناہ کا متلاشی",
        "سماجی ہم آہنگی",
        "قطبیت",
        "گروہ",
        "نفرت انگیز تقریر",
    ]
    assert index_letter("آبادی", "ur") == "ا"
    # Arabic code points that look like Urdu letters count as those letters.
    assert sort_key("كتاب", "ur") == sort_key("کتاب", "ur")


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_latin_scripts_ignore_case(language):
    assert ordered(["radicalisation", "Cohesion", "asylum"], language) == [
        "asylum",
        "Cohesion",
        "radicalisation",
    ]
    assert index_letter("éthique", language) == "É"
    assert index_letter("", language) == "#"
