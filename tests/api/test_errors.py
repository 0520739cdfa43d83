"""Every error the API can answer is JSON in the error schema and is declared in the
OpenAPI document: ids that are not numbers, unknown addresses, bodies too large or
not JSON, and the form pages' 413."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from consultations.models import Comment, ModerationMode
from tests.factories import UserFactory, build_consultation

pytestmark = pytest.mark.django_db

WRITES = {"post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def document(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        return Client().get("/api/v1/openapi.json").json()


def operations(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def error_schema(document, response):
    ref = response["content"]["application/json"]["schema"]["$ref"]
    return document["components"]["schemas"][ref.rsplit("/", 1)[-1]]


def test_every_operation_declares_the_errors_it_can_answer(document):
    checked = 0
    for path, method, operation in operations(document):
        responses = operation["responses"]
        parameters = {p["in"] for p in operation.get("parameters", [])}
        expected = {"401"}
        if "{" in path:
            expected |= {"404", "422"}
        if method in WRITES:
            expected |= {"403", "413"}
        if "requestBody" in operation:
            expected |= {"400", "422"}
        if "query" in parameters:
            expected |= {"400", "422"}
        missing = expected - set(responses)
        assert not missing, f"{method.upper()} {path} does not declare {sorted(missing)}"
        for status, response in responses.items():
            if status.startswith("4"):
                schema = error_schema(document, response)
                assert "detail" in schema["properties"], (method, path, status)
                assert "detail" in schema.get("required", []), (method, path, status)
        checked += 1
    assert checked >= 30
    # The JSON 404 for addresses that match nothing is not an endpoint.
    assert not [path for path in document["paths"] if "rest" in path]


def test_validation_and_size_errors_have_their_own_schemas(document):
    responses = document["paths"]["/api/v1/consultations/{consultation_id}/comments"]["post"][
        "responses"
    ]
    assert set(error_schema(document, responses["422"])["properties"]) == {"detail", "errors"}
    assert set(error_schema(document, responses["413"])["properties"]) == {"detail", "code"}
    # What the router declared itself stays (its 400 carries a code).
    assert "code" in error_schema(document, responses["400"])["properties"]


def test_public_reads_say_they_need_no_authentication(document):
    public = document["paths"]["/api/v1/consultations/"]["get"]["security"]
    assert {} in public and len(public) > 1
    signed_in = document["paths"]["/api/v1/me"]["get"]["security"]
    assert {} not in signed_in


def test_lang_lists_the_languages_of_the_site(document, settings):
    parameters = document["paths"]["/api/v1/forums/"]["get"]["parameters"]
    (lang,) = [p for p in parameters if p["name"] == "lang"]
    assert lang["schema"]["enum"] == ["", *(code for code, _name in settings.LANGUAGES)]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/forums/threads/a%0Ab%0Dc",
        "/api/v1/consultations/abc",
        "/api/v1/consultations/1.5/comments",
        "/api/v1/forums/threads/x/posts",
        "/api/v1/codesign/sessions/%F0%9F%99%82",
        "/api/v1/no-such-thing",
    ],
)
def test_addresses_that_match_no_endpoint_answer_a_json_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {
        "detail": "There is no API endpoint at this address. Check the path in "
        "/api/v1/docs; ids in it are whole numbers."
    }


def test_writes_to_addresses_that_match_no_endpoint_answer_a_json_404(client):
    client.force_login(UserFactory())
    response = client.post(
        "/api/v1/consultations/abc/comments", {"text": "Hi"}, content_type="application/json"
    )
    assert response.status_code == 404
    assert "no API endpoint" in response.json()["detail"]


def test_json_404_is_translated(client):
    response = client.get("/api/v1/consultations/abc", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    assert response["Content-Language"] == "fr"


def test_a_missing_slash_still_redirects(client):
    response = client.get("/api/v1/consultations?lang=en")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/consultations/?lang=en"


@pytest.fixture
def open_page(consultation_index):
    return build_consultation(
        consultation_index, title="Sizes", slug="sizes", moderation_mode=ModerationMode.POST
    )


def test_a_10_mb_json_comment_answers_413_in_the_error_schema(client, open_page):
    client.force_login(UserFactory())
    body = '{"text": "' + "a" * (10 * 1024 * 1024) + '"}'
    response = client.post(
        f"/api/v1/consultations/{open_page.pk}/comments", body, content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json() == {
        "detail": "What you sent is too large: the limit is 2.5\xa0MB of text and form data. "
        "Shorten it (or split it into several parts) and send it again.",
        "code": "too_long",
    }
    assert Comment.objects.count() == 0


def test_a_body_that_is_not_json_is_a_translated_400(client, open_page):
    client.force_login(UserFactory())
    response = client.post(
        f"/api/v1/consultations/{open_page.pk}/comments",
        '{"text": "unclosed',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The request body is not valid JSON. Check its syntax and send it again."
    }


def test_a_too_large_form_post_gets_the_413_page(client, open_page, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.force_login(UserFactory())
    url = reverse("consultations:comment_post", kwargs={"consultation_id": open_page.pk})
    response = client.post(
        url,
        urlencode({"text": "a" * 20_000, "language": "en"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    content = response.content.decode()
    assert "<h1>Too much to send at once</h1>" in content
    assert "the limit is 9.8\xa0KB of text and form data" in content
    assert Comment.objects.count() == 0


def test_a_multipart_form_with_a_too_large_field_gets_the_413_page(client, open_page, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.force_login(UserFactory())
    url = reverse("consultations:comment_post", kwargs={"consultation_id": open_page.pk})
    # The test client sends a dict as multipart/form-data.
    response = client.post(url, {"text": "a" * 20_000, "language": "en"})
    assert response.status_code == 413
    assert Comment.objects.count() == 0


def test_too_many_form_fields_get_the_413_page(client, open_page, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    client.force_login(UserFactory())
    url = reverse("consultations:comment_post", kwargs={"consultation_id": open_page.pk})
    fields = "&".join(f"f{n}=x" for n in range(20))
    response = client.post(url, fields, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "Too much to send at once" in response.content.decode()


def test_a_method_an_address_does_not_accept_is_a_json_405(client):
    response = client.delete("/api/v1/consultations/")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == {"detail": "This address does not accept this method. Use: GET."}
