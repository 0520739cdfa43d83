"""The glossary API: agreed terms, one term, and the writers' check of discouraged terms."""

import pytest

from engage.policy.glossary.models import TermStatus

from .conftest import make_term, wording

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms(db):
    make_term(
        "irregular-migrant",
        {
            "en": wording("irregular migrant", "Without permission."),
            "ar": wording("مهاجر غير نظامي", "دون إذن."),
        },
        discouraged=[
            {
                "language": "en",
                "phrase": "illegal immigrant",
                "preferred": "irregular migrant",
                "reason": "A person cannot be illegal.",
            },
            {
                "language": "ar",
                "phrase": "مهاجر غير شرعي",
                "preferred": "مهاجر غير نظامي",
                "reason": "لا يمكن أن يكون الإنسان غير شرعي.",
            },
        ],
    )
    make_term(
        "draft",
        {"en": wording("draft")},
        status=TermStatus.PROPOSED,
        discouraged=[
            {
                "language": "en",
                "phrase": "bad word",
                "preferred": "good word",
                "reason": "Not agreed yet.",
            }
        ],
    )


def test_the_check_finds_discouraged_terms_with_the_alternative_and_reason(client, terms):
    response = client.get(
        "/api/v1/glossary/check", {"text": "An Illegal immigrant and a bad word."}
    )
    assert response.status_code == 200
    [match] = response.json()["matches"]
    assert match["found"] == "Illegal immigrant" and (match["start"], match["end"]) == (3, 20)
    assert (
        match["preferred"] == "irregular migrant"
        and match["reason"] == "A person cannot be illegal."
    )
    assert match["term"] == "irregular-migrant"


def test_the_check_by_post_needs_no_sign_in_or_csrf_token(client, terms):
    response = client.post(
        "/api/v1/glossary/check",
        {"text": "قال إنه مهاجر غير شرعي", "language": "ar"},
        content_type="application/json",
    )
    assert response.status_code == 200
    [match] = response.json()["matches"]
    assert match["preferred"] == "مهاجر غير نظامي" and match["language"] == "ar"
    only_french = client.post(
        "/api/v1/glossary/check",
        {"text": "illegal immigrant", "language": "fr"},
        content_type="application/json",
    )
    assert only_french.json()["matches"] == []


def test_the_check_refuses_an_unknown_language_and_a_missing_text(client, terms):
    assert client.get("/api/v1/glossary/check", {"text": "x", "lang": "xx"}).status_code == 400
    assert client.get("/api/v1/glossary/check").status_code == 422


def test_terms_lists_agreed_terms_in_the_asked_language(client, terms):
    response = client.get("/api/v1/glossary/terms", {"lang": "ar"})
    assert response.status_code == 200
    [term] = response.json()
    assert (
        term["label"] == "مهاجر غير نظامي"
        and term["agreed_in"] == "ar"
        and term["language"] == "ar"
    )


def test_one_term_has_every_language_and_drafts_are_hidden(client, terms):
    body = client.get("/api/v1/glossary/terms/irregular-migrant").json()
    assert set(body["translations"]) == {"en", "ar"} and body["status"] == "agreed"
    assert client.get("/api/v1/glossary/terms/draft").status_code == 404
    assert client.get("/api/v1/glossary/terms/nothing").status_code == 404
