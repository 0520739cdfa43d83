"""Sentiment backends: VADER for English behaves as a lexicon with rules should, every
other language is "not scored" (never another language's lexicon), and the registry."""

import pytest

from engage.insights.analysis import analyse_text
from engage.insights.sentiment import (
    backend_for,
    get_backend,
    register_backend,
    unregister_backend,
)
from engage.insights.sentiment.vader import VaderBackend

OTHER_LANGUAGES = ["ar", "fr", "de", "nl", "es", "pl", "tr", "ur", "so"]


@pytest.fixture
def vader():
    return VaderBackend()


def test_vader_scores_english_with_its_name_and_version(vader):
    signals = analyse_text("The new library is wonderful.", language="en")
    assert signals.sentiment > 0.5
    assert signals.backend == f"vader {vader.version}"
    assert vader.version == "3.3.2"


def test_booster_words_raise_intensity(vader):
    assert vader.score("The park is very good.") > vader.score("The park is good.") > 0
    assert vader.score("The park is extremely bad.") < vader.score("The park is bad.") < 0


def test_negation_flips_polarity(vader):
    assert vader.score("The plan is good.") > 0
    assert vader.score("The plan is not good.") < 0
    assert vader.score("The plan is not bad.") > 0 > vader.score("The plan is bad.")


def test_capitals_raise_intensity(vader):
    assert vader.score("The plan is GOOD.") > vader.score("The plan is good.")
    assert vader.score("The bus is LATE and AWFUL.") < vader.score("The bus is late and awful.")


def test_exclamation_marks_raise_intensity(vader):
    assert vader.score("Great idea!!!") > vader.score("Great idea.") > 0
    assert vader.score("Terrible idea!!!") < vader.score("Terrible idea.") < 0


def test_but_shifts_weight_to_the_second_clause(vader):
    assert vader.score("The staff are nice, but the building is awful.") < 0


def test_scores_stay_in_range(vader):
    for text in ["BEST BEST BEST!!!!!! love love love", "worst hate awful disgusting!!!!!"]:
        assert -1 <= vader.score(text) <= 1


def test_neutral_statements_fall_in_the_neutral_band(vader):
    assert abs(vader.score("The meeting is on Tuesday at the town hall.")) <= 0.05


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_languages_without_a_backend_are_not_scored(code):
    assert backend_for(code) is None
    # English words in the text change nothing: the language decides, not the lexicon.
    signals = analyse_text("Good good good, great, love it!", language=code)
    assert signals.language == code
    assert signals.sentiment is None
    assert signals.backend is None


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_abuse_is_unsupported_not_false_without_a_detector(code):
    signals = analyse_text("Some text", language=code)
    assert signals.abuse_flagged is None
    assert signals.abuse_categories == ()
    assert signals.abuse_backend is None


def test_a_registered_backend_scores_its_languages_only():
    class Fixed:
        name, version, languages = "fixed", "7", frozenset({"nl"})

        def score(self, text, language=None):
            return -0.25

    register_backend("fixed", Fixed)
    try:
        assert get_backend("fixed").name == "fixed"
        signals = analyse_text("Het park is vies.", language="nl")
        assert (signals.sentiment, signals.backend) == (-0.25, "fixed 7")
        assert analyse_text("Le parc est sale.", language="fr").sentiment is None
    finally:
        unregister_backend("fixed")
    assert analyse_text("Het park is vies.", language="nl").sentiment is None


def test_a_backend_that_cannot_score_leaves_the_text_not_scored():
    class Failing:
        name, version, languages = "failing", "1", frozenset({"de"})

        def score(self, text, language=None):
            return None

    register_backend("failing", Failing)
    try:
        signals = analyse_text("Der Park ist schön.", language="de")
        assert signals.sentiment is None and signals.backend is None
    finally:
        unregister_backend("failing")
