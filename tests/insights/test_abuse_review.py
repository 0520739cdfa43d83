"""Defects found in review of the English abuse detector (the sentences in
english_heldout_4.csv are the held-out measure; these are variations of them)."""

import pytest

from engage.insights.abuse import detect_abuse


def categories(text):
    flagged, found = detect_abuse(text, "en")
    assert flagged is not None
    return set(found)


@pytest.mark.parametrize(
    "text",
    [
        "The dykes on the Fens were drained by Dutch engineers.",
        "Walk along the dyke to the pumping station.",
        "Faggots and mushy peas, two pounds at the chippy.",
        "The butcher sells faggots on a Friday.",
    ],
)
def test_words_with_an_ordinary_meaning_are_not_slurs_by_themselves(text):
    assert categories(text) == set()


@pytest.mark.parametrize(
    "text",
    ["You are a dyke.", "What a faggot.", "dirty dykes everywhere", "you faggots make me sick"],
)
def test_the_same_words_aimed_at_people_are_still_slurs(text):
    assert "slur" in categories(text)
