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


@pytest.mark.parametrize(
    "text",
    [
        "Somebody needs to firebomb those temples.",
        "People should burn down that gurdwara.",
        "Someone must set fire to the mosques.",
    ],
)
def test_calls_to_attack_places_of_worship_are_threats(text):
    assert "threat" in categories(text)


@pytest.mark.parametrize(
    "text",
    ["Someone should repair the church roof.", "Nobody should burn down a mosque."],
)
def test_places_of_worship_without_a_call_to_violence_are_not_threats(text):
    assert categories(text) == set()


@pytest.mark.parametrize(
    "text", ["Muslims, you are vermin.", "Refugees, you are parasites and always will be."]
)
def test_a_group_addressed_by_name_is_the_target_of_what_follows(text):
    assert "dehumanisation" in categories(text)


@pytest.mark.parametrize("text", ["Immigrants, you are welcome here.", "Women, you are amazing."])
def test_addressing_a_group_kindly_is_not_flagged(text):
    assert categories(text) == set()


def test_travellers_are_a_protected_group():
    assert "dehumanisation" in categories("Irish Travellers are vermin.")
    assert "other" in categories("Travellers must be deported.")
    assert categories("Travellers on the 8:15 were delayed again.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Refugees are parasites, according to the leaflet; that is disgusting.",
        "Muslims are terrorists, as the poster says, which is utterly false.",
    ],
)
def test_a_rejection_later_in_the_same_sentence_is_counter_speech(text):
    assert categories(text) == set()


@pytest.mark.parametrize(
    "text", ["Muslims are vermin, which is not a lie.", "Refugees are parasites, which is why."]
)
def test_a_later_clause_that_does_not_reject_keeps_the_flag(text):
    assert "dehumanisation" in categories(text)
