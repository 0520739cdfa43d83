"""Rate limits where residents meet them: the 429 page for comments, reactions and
surveys (per account and per address), and the API's 429 JSON."""

import time
import types
from unittest import mock

import pytest
from django.urls import reverse
from wagtail.models import APIToken

from consultations.engagement.models import QuestionKind, Reaction
from consultations.models import Comment, ModerationMode
from engage import ratelimit
from tests.factories import (
    ProposalFactory,
    SurveyFactory,
    SurveyQuestionFactory,
    UserFactory,
    build_consultation,
)

pytestmark = [pytest.mark.redis, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _start_of_a_window():
    """The limits are fixed windows on the clock: a test whose posts straddle the turn of
    a minute would see a fresh window. Each test runs one second into a new hour."""
    start = (time.time() // 3600 + 1) * 3600 + 1.0
    clock = types.SimpleNamespace(time=lambda: start)
    with mock.patch.object(ratelimit, "time", clock):  # only the limiter's clock
        yield


@pytest.fixture
def open_page(consultation_index):
    return build_consultation(
        consultation_index, title="Limits", slug="limits", moderation_mode=ModerationMode.POST
    )


def post_comment(client, page, text, address="203.0.113.10"):
    return client.post(
        reverse("consultations:comment_post", kwargs={"consultation_id": page.pk}),
        {"text": text, "language": "en"},
        REMOTE_ADDR=address,
    )


def test_too_many_comments_from_one_account_get_the_429_page(client, open_page):
    person = UserFactory()
    client.force_login(person)
    for n in range(2):  # the account limit in conftest: 2 a minute
        assert (
            post_comment(client, open_page, f"Comment {n}", address=f"198.51.100.{n}").status_code
            == 302
        )
    response = post_comment(client, open_page, "One too many", address="198.51.100.9")
    assert response.status_code == 429
    retry_after = int(response["Retry-After"])
    assert 1 <= retry_after <= 60
    content = response.content.decode()
    assert "<h1>Please wait a moment</h1>" in content
    assert "You have posted a lot of comments in a short time." in content
    assert "You can try again in about 1 minute (at " in content
    assert "Nothing was saved this time." in content
    assert Comment.objects.count() == 2


def test_comment_limit_per_address_covers_several_accounts(client, open_page):
    for n in range(3):  # the address limit in conftest: 3 a minute
        client.force_login(UserFactory())
        assert post_comment(client, open_page, f"Comment {n}").status_code == 302
    client.force_login(UserFactory())
    response = post_comment(client, open_page, "Fourth from the same address")
    assert response.status_code == 429
    assert "Retry-After" in response
    # Someone elsewhere is not affected.
    assert (
        post_comment(client, open_page, "From elsewhere", address="192.0.2.44").status_code == 302
    )


def test_replies_count_towards_the_comment_limit(client, open_page):
    client.force_login(UserFactory())
    post_comment(client, open_page, "First")
    parent = Comment.objects.get()
    url = reverse("consultations:comment_replies", kwargs={"pk": parent.pk})
    assert (
        client.post(url, {"text": "Reply", "language": "en"}, REMOTE_ADDR="192.0.2.1").status_code
        == 302
    )
    response = client.post(url, {"text": "Reply 2", "language": "en"}, REMOTE_ADDR="192.0.2.2")
    assert response.status_code == 429


def test_reaction_limit_in_the_page_and_in_place(client, open_page):
    proposal = ProposalFactory(page=open_page, title="Option")
    client.force_login(UserFactory())
    url = reverse("consultations:engagement:react", kwargs={"kind": "proposal", "pk": proposal.pk})
    for value in ("support", "oppose"):
        assert client.post(url, {"value": value}).status_code == 302
    in_place = client.post(url, {"value": "unsure"}, HTTP_X_REQUESTED_WITH="fetch")
    assert in_place.status_code == 429
    assert "You have reacted a lot in a short time." in in_place.content.decode()
    assert in_place["Retry-After"]
    full_page = client.post(url, {"value": "unsure"})
    assert full_page.status_code == 429
    assert "Please wait a moment" in full_page.content.decode()
    assert Reaction.objects.get().value == "oppose"


def test_survey_limit(client, open_page):
    survey = SurveyFactory(consultation=open_page, title="Quick")
    question = SurveyQuestionFactory(survey=survey, kind=QuestionKind.SCALE, text="Happy?")
    client.force_login(UserFactory())
    url = reverse("consultations:engagement:survey", kwargs={"pk": survey.pk})
    for value in ("3", "4"):
        assert client.post(url, {f"q{question.pk}": value}).status_code == 302
    response = client.post(url, {f"q{question.pk}": "5"})
    assert response.status_code == 429
    assert "survey answers" in response.content.decode()


def test_api_answers_429_json_with_the_same_message(client, open_page):
    person = UserFactory()
    _token, key = APIToken.create_token(user=person, name="script")
    url = f"/api/v1/consultations/{open_page.pk}/comments"
    for n in range(2):
        response = client.post(
            url,
            {"text": f"Via API {n}"},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
        assert response.status_code == 201, response.content
    response = client.post(
        url,
        {"text": "Too many"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    detail = response.json()["detail"]
    assert detail.startswith(
        "You have posted a lot of comments in a short time. Please try again in "
    )
    assert Comment.objects.count() == 2


def test_429_page_is_translated_with_the_page_language(client, open_page):
    client.force_login(UserFactory())
    for n in range(3):
        response = client.post(
            f"/ar/comments/new/{open_page.pk}/",
            {"text": f"تعليق {n}", "language": "ar"},
            REMOTE_ADDR=f"198.51.100.{n}",
        )
    assert response.status_code == 429
    assert 'dir="rtl"' in response.content.decode()
    assert response["Content-Language"] == "ar"
