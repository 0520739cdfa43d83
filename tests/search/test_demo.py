"""The demo city (`seed_demo`) is searchable in its languages, and its consultation
index shows the map of its wards."""

import re

import pytest

from consultations.models import ConsultationIndexPage
from engage.communities.models import Area

from .test_search import search, titles

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.mark.parametrize(
    ("language", "q", "title"),
    [
        ("en", "riverside park", "Redesigning Riverside Park"),
        ("ar", "حديقة", "إعادة تصميم حديقة ريفرسايد"),
        ("fr", "parc", "Réaménager le parc Riverside"),
    ],
)
def test_demo_consultations_are_found_in_each_language(client, demo_city, language, q, title):
    assert title in titles(search(client, q, language=language))


def test_demo_myths_library_is_searchable(client, demo_city):
    response = search(client, "the", type="myths")  # a stop word: nothing, but no error
    assert titles(response) == []
    claims = titles(search(client, "flats Mill Road", type="myths"))
    assert "I heard the new flats on Mill Road are only for people who just arrived" in claims


def test_demo_consultation_index_draws_the_wards(client, demo_city):
    assert Area.objects.filter(boundary__isnull=False).count() >= 8
    index = ConsultationIndexPage.objects.live().first()
    text = client.get(index.url).text
    section = re.search(r'<section class="area-map[^"]*".*?</section>', text, re.S)
    assert section, "the demo's consultation index should show the area map"
    assert section.group(0).count("data-area=") >= 8
