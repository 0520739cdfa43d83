"""The demo city in every language (issue 18): the opinion map's title and question and
the impact assessments' titles are translated fields (engage/opinions/translation.py,
engage/impact/translation.py), given in all ten languages by the demo, and a reader on
/ar/ sees them in Arabic, not in English."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from consultations.models import ConsultationPage
from engage.impact.models import ImpactAssessment
from engage.opinions.models import OpinionMap

pytestmark = pytest.mark.postgres

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def texts(instance, field):
    return {language: getattr(instance, f"{field}_{language}") for language in LANGUAGES}


def assert_all_languages_differ_from_english(values):
    missing = [language for language, text in values.items() if not text]
    assert not missing, f"no text in {missing}"
    english = [
        language for language, text in values.items() if language != "en" and text == values["en"]
    ]
    assert not english, f"English text in {english}"


def test_the_demo_opinion_map_has_its_title_and_question_in_every_language(demo_city):
    opinion_map = OpinionMap.objects.get(title_en="Riverside Park, what matters most?")
    for field in ("title", "question"):
        assert_all_languages_differ_from_english(texts(opinion_map, field))
    with translation.override("ur"):
        assert opinion_map.title == opinion_map.title_ur


def test_the_demo_impact_assessments_have_their_title_in_every_language(demo_city):
    assessments = list(ImpactAssessment.objects.all())
    assert len(assessments) >= 2  # the Riverside Park one and the standalone one
    for assessment in assessments:
        assert_all_languages_differ_from_english(texts(assessment, "title"))
    park = ConsultationPage.objects.get(slug="riverside-park")
    [of_the_park] = [a for a in assessments if a.subject_scope == f"consultation:{park.pk}"]
    assert texts(of_the_park, "title") == texts(park, "title")  # the page's own titles


@pytest.mark.parametrize("language", ["ar", "pl", "so"])
def test_the_consultation_page_shows_the_map_and_assessment_in_the_readers_language(
    demo_city, language
):
    park = ConsultationPage.objects.get(slug="riverside-park")
    opinion_map = OpinionMap.objects.get(scope=f"consultation:{park.pk}")
    assessment = ImpactAssessment.objects.get(subject_scope=f"consultation:{park.pk}")
    with translation.override(language):
        url = park.get_url()
    assert url.startswith(f"/{language}/")
    html = Client().get(url).content.decode()
    assert escape(getattr(opinion_map, f"question_{language}")) in html
    assert escape(getattr(assessment, f"title_{language}")) in html
    assert escape(opinion_map.question_en) not in html


def test_the_impact_api_gives_the_title_in_the_readers_language(demo_city):
    park = ConsultationPage.objects.get(slug="riverside-park")
    assessment = ImpactAssessment.objects.get(subject_scope=f"consultation:{park.pk}")
    url = f"/api/v1/impact/assessments/{assessment.pk}"
    for language in ("fr", "ur"):
        response = Client().get(url, headers={"accept-language": language})
        assert response.status_code == 200
        assert response.json()["title"] == getattr(assessment, f"title_{language}")


def test_the_demo_pictures_have_their_alt_text_in_every_language(demo_city):
    pictured = ConsultationPage.objects.filter(image__isnull=False)
    assert pictured.count() == 3
    for page in pictured:
        assert_all_languages_differ_from_english(texts(page, "image_alt"))


def test_the_demo_outcome_makes_the_same_commitments_in_every_language(demo_city):
    """As many commitments in each language (Arabic and French had lost one), and no
    heading of its own: the page puts it under "What the city will do"."""
    page = ConsultationPage.objects.live().with_outcome().get()
    counts = {}
    for code, _name in settings.LANGUAGES:
        text = getattr(page, f"outcome_{code}")
        assert text and "<h2" not in text, code
        counts[code] = text.count("<li")
    assert set(counts.values()) == {counts["en"]}, counts
