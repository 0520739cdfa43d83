"""Offline language detection: short texts in the ten interface languages, restricted to
the configured languages, and "undetermined" rather than a guess."""

import pytest
from django.test import override_settings

from engage.insights.analysis import analyse_text
from engage.insights.language import detect_language

ONE_SENTENCE = {
    "en": "I think the new bus route is a good idea.",
    "ar": "أعتقد أن خط الحافلات الجديد فكرة جيدة.",
    "fr": "Je pense que la nouvelle ligne de bus est une bonne idée.",
    "de": "Ich finde die neue Buslinie eine gute Idee.",
    "nl": "Ik vind de nieuwe buslijn een goed idee.",
    "es": "Creo que la nueva línea de autobús es una buena idea.",
    "pl": "Myślę, że nowa linia autobusowa to dobry pomysł.",
    "tr": "Bence yeni otobüs hattı iyi bir fikir.",
    "ur": "میرے خیال میں نئی بس لائن اچھا خیال ہے۔",
    "so": "Waxaan u malaynayaa in khadka cusub ee basaska uu yahay fikrad wanaagsan.",
}
COMPLAINTS = {
    "en": "The park is dirty and nobody cleans it.",
    "ar": "الحديقة متسخة ولا أحد ينظفها.",
    "fr": "Le parc est sale et personne ne le nettoie.",
    "de": "Der Park ist schmutzig und niemand räumt auf.",
    "nl": "Het park is vies en niemand ruimt het op.",
    "es": "El parque está sucio y nadie lo limpia.",
    "pl": "Park jest brudny i nikt go nie sprząta.",
    "tr": "Park kirli ve kimse temizlemiyor.",
    "ur": "پارک گندا ہے اور کوئی اسے صاف نہیں کرتا۔",
    "so": "Beertu waa wasakh oo qofna ma nadiifiyo.",
}


@pytest.mark.parametrize("code,text", sorted(ONE_SENTENCE.items()))
def test_one_sentence_is_detected_in_each_interface_language(code, text):
    assert detect_language(text) == code


@pytest.mark.parametrize("code,text", sorted(COMPLAINTS.items()))
def test_a_short_complaint_is_detected_in_each_interface_language(code, text):
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "   ", "ok", "12345", "👍👍", "???", "lol"])
def test_texts_without_enough_language_are_undetermined(text):
    assert detect_language(text) is None


def test_detection_chooses_only_among_the_configured_languages():
    german = ONE_SENTENCE["de"]
    with override_settings(INSIGHTS_LANGUAGES=["en", "fr"]):
        assert detect_language(german) in {"en", "fr", None}
        assert detect_language(ONE_SENTENCE["fr"]) == "fr"
    assert detect_language(german) == "de"


def test_a_confidence_below_the_setting_is_undetermined_not_a_guess():
    with override_settings(INSIGHTS_LANGUAGE_MIN_CONFIDENCE=0.999):
        assert detect_language("Thanks, good idea.") is None
    assert detect_language(ONE_SENTENCE["en"]) == "en"


def test_the_writers_choice_of_language_skips_detection():
    signals = analyse_text(ONE_SENTENCE["fr"], language="en")
    assert signals.language == "en"
    assert analyse_text("Bonne idée", language="fr-FR").language == "fr"


def test_an_undetermined_text_is_neither_scored_nor_checked_for_abuse():
    signals = analyse_text("ok")
    assert signals.language is None
    assert signals.sentiment is None and signals.backend is None
    assert signals.abuse_flagged is None


OUTSIDE_THE_CONFIGURATION = {
    # Each used to be labelled with its configured neighbour (fr, es, so or tr).
    "it": "Il sindaco deve ascoltare i cittadini del quartiere.",
    "it-short": "Ciao, come stai? Il parco è bellissimo oggi.",
    "pt": "A câmara deve ouvir os moradores do bairro.",
    "pt-short": "Eu gosto muito deste parque, é muito bonito.",
    "sw": "Serikali inapaswa kusikiliza wananchi.",
    "sw-short": "Habari yako? Ninapenda bustani hii sana.",
}


@pytest.mark.parametrize("key", sorted(OUTSIDE_THE_CONFIGURATION))
def test_a_language_outside_the_configuration_is_undetermined_not_its_neighbour(key):
    assert detect_language(OUTSIDE_THE_CONFIGURATION[key]) is None


def test_a_single_word_the_detectors_disagree_on_is_undetermined():
    # Among the ten configured languages alone, "good" scored so 0.47 against en 0.32.
    assert detect_language("good") is None


def test_one_configured_language_does_not_label_other_languages_with_it():
    with override_settings(INSIGHTS_LANGUAGES=["en"]):
        assert detect_language(ONE_SENTENCE["ar"]) is None
        assert detect_language(ONE_SENTENCE["fr"]) is None
        assert detect_language(ONE_SENTENCE["en"]) == "en"
        assert analyse_text(ONE_SENTENCE["ar"]).sentiment is None
    with override_settings(INSIGHTS_LANGUAGES=["ar"]):
        assert detect_language(ONE_SENTENCE["ar"]) == "ar"
        assert detect_language(ONE_SENTENCE["en"]) is None
