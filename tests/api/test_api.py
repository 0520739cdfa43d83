"""The public API: OpenAPI, authentication (session, Wagtail API token), consultations."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import APIToken

from tests.factories import UserFactory, build_consultation, city_staff, moderator

pytestmark = pytest.mark.django_db


def test_openapi_document_lists_the_endpoints(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "Engage API"
    assert {
        "/api/v1/me",
        "/api/v1/consultations/",
        "/api/v1/consultations/{consultation_id}",
    } <= set(document["paths"])


def test_me_refuses_anonymous_visitors_with_a_json_401(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert "Sign in" in response.json()["detail"]


def test_me_with_the_browser_session(client, resident):
    client.force_login(resident)
    response = client.get("/api/v1/me")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == resident.pk
    assert body["display_name"] == resident.display_name
    assert body["email"] == resident.email
    assert body["roles"] == ["resident"]
    assert body["language"] == "en"


def test_me_speaks_the_preferred_language_and_lists_roles():
    person = moderator(preferred_language="fr")
    _token, key = APIToken.create_token(user=person, name="script")
    from django.test import Client

    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert response.json()["language"] == "fr"
    assert set(response.json()["roles"]) == {"resident", "moderator"}


def test_me_with_a_wagtail_api_token(client, resident):
    token, key = APIToken.create_token(user=resident, name="integration")
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert response.json()["id"] == resident.pk
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_revoked_token_is_refused_even_with_a_session(client, resident):
    token, key = APIToken.create_token(user=resident, name="old")
    token.revoke()
    client.force_login(resident)
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 401
    assert "invalid_token" in response["WWW-Authenticate"]


def test_bad_token_on_a_public_read_is_refused_not_ignored(client, consultation):
    response = client.get("/api/v1/consultations/", HTTP_AUTHORIZATION="Bearer wagtail_nope")
    assert response.status_code == 401


def test_token_of_inactive_account_is_refused(client):
    person = UserFactory(is_active=False)
    _token, key = APIToken.create_token(user=person, name="gone")
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_api_errors_are_translated(client):
    response = client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 401
    assert response.json()["detail"]  # a sentence; French once locale/fr is translated


def test_consultations_list_is_public_and_paginated(client, consultation_index):
    for number in range(3):
        build_consultation(
            consultation_index, title=f"Consultation {number}", opens_in_days=-number
        )
    response = client.get("/api/v1/consultations/?page_size=2")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [item["title"] for item in body["items"]] == ["Consultation 0", "Consultation 1"]
    item = body["items"][0]
    assert item["status"] == "open"
    assert item["url"].startswith("http://") and "/en/consultations/" in item["url"]
    second = client.get("/api/v1/consultations/?page_size=2&page=2").json()
    assert [item["title"] for item in second["items"]] == ["Consultation 2"]


def test_consultations_list_hides_drafts(client, consultation, consultation_index):
    draft = build_consultation(consultation_index, title="Not yet")
    draft.unpublish()
    body = client.get("/api/v1/consultations/").json()
    assert [item["id"] for item in body["items"]] == [consultation.pk]


def test_consultations_list_filters_by_status(client, consultation, consultation_index):
    build_consultation(consultation_index, title="Later", opens_in_days=3, closes_in_days=30)
    body = client.get("/api/v1/consultations/?status=upcoming").json()
    assert [item["title"] for item in body["items"]] == ["Later"]
    assert body["items"][0]["status_label"] == "Upcoming"


def test_consultations_follow_lang_and_accept_language(client, consultation):
    by_param = client.get("/api/v1/consultations/?lang=ar")
    assert by_param["Content-Language"] == "ar"
    assert "/ar/" in by_param.json()["items"][0]["url"]
    by_header = client.get(f"/api/v1/consultations/{consultation.pk}", HTTP_ACCEPT_LANGUAGE="fr")
    assert by_header.json()["language"] == "fr"
    assert by_header.json()["status_label"] == "Open" or by_header.json()["status_label"]


def test_unknown_lang_is_a_400_naming_the_languages(client, consultation):
    response = client.get("/api/v1/consultations/?lang=xx")
    assert response.status_code == 400
    assert "en, ar" in response.json()["detail"]


def test_consultation_detail(client, consultation):
    response = client.get(f"/api/v1/consultations/{consultation.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == consultation.pk
    assert body["title"] == "Safer streets"
    assert body["summary"] == consultation.summary
    closes_at = datetime.datetime.fromisoformat(body["closes_at"])
    assert abs(closes_at - consultation.closes_at) < datetime.timedelta(milliseconds=1)


def test_unknown_consultation_is_a_json_404(client, consultation):
    response = client.get(f"/api/v1/consultations/{consultation.pk + 1000}")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no published consultation with this number."}


def test_unpublished_consultation_is_404_for_residents_but_visible_to_staff(
    client, consultation, resident
):
    consultation.unpublish()
    client.force_login(resident)
    assert client.get(f"/api/v1/consultations/{consultation.pk}").status_code == 404
    client.force_login(city_staff())
    assert client.get(f"/api/v1/consultations/{consultation.pk}").status_code == 200


def test_list_query_count_does_not_grow_with_consultations(
    client, consultation_index, django_assert_max_num_queries
):
    for number in range(2):
        build_consultation(consultation_index, title=f"C{number}")
    client.get("/api/v1/consultations/")  # warm the site cache
    with django_assert_max_num_queries(12) as few:
        client.get("/api/v1/consultations/")
    for number in range(6):
        build_consultation(consultation_index, title=f"More {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/api/v1/consultations/")
    assert response.json()["count"] == 8


def test_timestamps_are_aware(client, consultation):
    body = client.get(f"/api/v1/consultations/{consultation.pk}").json()
    assert datetime.datetime.fromisoformat(body["opens_at"]).tzinfo is not None
    assert consultation.opens_at < timezone.now()
