"""GET /api/v1/search: the same public search as the page, as JSON."""

import pytest
from wagtail.models import PageViewRestriction

from .conftest import add_comment, build_consultation

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_search_answers_public_results_in_the_asked_language(client, consultation_index):
    build_consultation(
        consultation_index,
        title="Riverside Park",
        title_fr="Parc de la rivière",
        summary="New benches.",
        summary_fr="De nouveaux bancs.",
    )
    hidden = build_consultation(consultation_index, title="Panel benches", summary="Benches.")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    response = client.get("/api/v1/search", {"q": "bancs", "lang": "fr"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    (item,) = body["items"]
    assert item["title"] == "Parc de la rivière"
    assert item["url"].startswith("/fr/")
    assert "<mark>bancs</mark>" in item["snippet_html"]
    types = {group["type"]: group for group in body["types"]}
    assert types["consultations"]["count"] == 1
    assert types["myths"]["label"] != "Myths and facts"  # in French


def test_search_escapes_resident_text(client, consultation, resident):
    add_comment(consultation, resident, "<b>zebra</b> crossing")
    (item,) = client.get("/api/v1/search", {"q": "zebra"}).json()["items"]
    assert "<b>" not in item["snippet_html"]
    assert item["language"] == "en"


@pytest.mark.parametrize(
    ("q", "status"), [("", 400), ("   ", 400), ("x" * 201, 422)], ids=["empty", "blank", "long"]
)
def test_bad_queries_are_refused_with_a_message(client, q, status):
    response = client.get("/api/v1/search", {"q": q})
    assert response.status_code == status
    assert response.json()["detail"]


def test_the_search_is_in_the_openapi_document_as_public(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/search"]["get"]
    assert {} in operation["security"]
