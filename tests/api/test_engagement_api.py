"""The API for proposals, comments, reactions and surveys (/api/v1/consultations/...)."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from wagtail.models import APIToken

from consultations.engagement.models import Reaction, SurveyResponse
from consultations.engagement.services import react
from consultations.models import Comment, ModerationMode, Proposal
from consultations.services import post_comment
from tests.engagement.conftest import build_survey, good_answers
from tests.factories import UserFactory, build_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.ENGAGE_RATE_LIMITS_ENABLED = False
    cache.clear()


@pytest.fixture
def page(consultation_index):
    return build_consultation(
        consultation_index, title="Park", slug="park", moderation_mode=ModerationMode.POST
    )


@pytest.fixture
def proposal(page):
    return Proposal.objects.create(page=page, title="Option A", body="<p>Do <b>A</b>.</p>")


def api_client(user):
    _token, key = APIToken.create_token(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def post_json(client, url, data):
    return client.post(url, data, content_type="application/json")


def put_json(client, url, data):
    return client.put(url, data, content_type="application/json")


def base(page):
    return f"/api/v1/consultations/{page.pk}"


def test_openapi_lists_the_new_endpoints(client):
    paths = set(client.get("/api/v1/openapi.json").json()["paths"])
    assert {
        "/api/v1/consultations/{consultation_id}/proposals",
        "/api/v1/consultations/{consultation_id}/proposals/{proposal_id}",
        "/api/v1/consultations/{consultation_id}/comments",
        "/api/v1/consultations/{consultation_id}/reactions",
        "/api/v1/consultations/{consultation_id}/surveys",
        "/api/v1/consultations/{consultation_id}/surveys/{survey_id}",
        "/api/v1/consultations/{consultation_id}/surveys/{survey_id}/response",
    } <= paths


def test_anyone_can_list_and_read_proposals_with_counts(client, page, proposal):
    react(UserFactory(), proposal, "support")
    listed = client.get(f"{base(page)}/proposals")
    assert listed.status_code == 200
    assert listed.json() == [
        {
            "id": proposal.pk,
            "title": "Option A",
            "body_html": "<p>Do <b>A</b>.</p>",
            "reactions": {"support": 1, "oppose": 0, "unsure": 0},
            "my_reaction": None,
        }
    ]
    one = client.get(f"{base(page)}/proposals/{proposal.pk}")
    assert one.json()["id"] == proposal.pk
    assert client.get(f"{base(page)}/proposals/999999").status_code == 404


def test_draft_consultation_is_404_for_residents(client, consultation_index):
    draft = build_consultation(consultation_index, title="Draft", slug="draft")
    draft.unpublish()
    response = client.get(f"{base(draft)}/proposals")
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no published consultation with this number."


def test_comments_list_shows_published_and_own_pending_only(consultation_index):
    pre = build_consultation(consultation_index, title="Pre", slug="pre")  # pre-moderated
    author, other = UserFactory(), UserFactory()
    mine = post_comment(author, pre, "Mine, pending.")
    theirs = post_comment(other, pre, "Theirs, pending.")
    published = post_comment(other, pre, "Published.")
    Comment.objects.filter(pk=published.pk).update(status="published")
    listed = api_client(author).get(f"{base(pre)}/comments").json()
    assert {item["id"] for item in listed["items"]} == {mine.pk, published.pk}
    assert theirs.pk not in {
        item["id"] for item in Client().get(f"{base(pre)}/comments").json()["items"]
    }
    assert listed["count"] == 2


def test_comments_are_paginated_newest_first(page):
    person = UserFactory()
    now = timezone.now()
    Comment.objects.bulk_create(
        Comment(
            consultation=page,
            author=person,
            body_text=f"C{n}",
            body_html=f"<p>C{n}</p>",
            language="en",
            status="published",
            created_at=now - datetime.timedelta(minutes=n),
        )
        for n in range(5)
    )
    body = Client().get(f"{base(page)}/comments?page=2&page_size=2").json()
    assert body["count"] == 5
    assert [item["body_html"] for item in body["items"]] == ["<p>C2</p>", "<p>C3</p>"]
    assert body["items"][0]["author"] == person.public_name
    assert "email" not in str(body)


def test_posting_a_comment_and_a_reply(page, proposal):
    person = UserFactory()
    client = api_client(person)
    response = post_json(
        client,
        f"{base(page)}/comments",
        {"text": "Yes!", "proposal_id": proposal.pk, "language": "fr"},
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["status"], created["proposal_id"], created["language"]) == (
        "published",
        proposal.pk,
        "fr",
    )
    reply = post_json(
        client, f"{base(page)}/comments", {"text": "Me too", "parent_id": created["id"]}
    )
    assert reply.status_code == 201
    assert reply.json()["parent_id"] == created["id"]
    replies = Client().get(f"{base(page)}/comments?parent={created['id']}").json()
    assert [item["id"] for item in replies["items"]] == [reply.json()["id"]]


def test_posting_needs_sign_in(client, page):
    response = post_json(client, f"{base(page)}/comments", {"text": "Hi"})
    assert response.status_code == 401


def test_posting_to_a_closed_consultation_is_403_with_the_reason(consultation_index):
    closed = build_consultation(
        consultation_index, title="Old", slug="old", opens_in_days=-30, closes_in_days=-1
    )
    response = post_json(api_client(UserFactory()), f"{base(closed)}/comments", {"text": "Late"})
    assert response.status_code == 403
    assert response.json()["code"] == "closed"
    assert "has closed" in response.json()["detail"]
    assert not Comment.objects.exists()


def test_posting_bad_text_is_400(page):
    response = post_json(api_client(UserFactory()), f"{base(page)}/comments", {"text": "   "})
    assert response.status_code == 400
    assert response.json()["detail"]
    assert not Comment.objects.exists()


def test_posting_on_another_consultations_proposal_is_400(page, consultation_index):
    other = build_consultation(consultation_index, title="Other", slug="other")
    elsewhere = Proposal.objects.create(page=other, title="Elsewhere")
    response = post_json(
        api_client(UserFactory()),
        f"{base(page)}/comments",
        {"text": "Hi", "proposal_id": elsewhere.pk},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "wrong_proposal"


def test_react_change_and_take_back(page, proposal):
    person = UserFactory()
    client = api_client(person)
    url = f"{base(page)}/reactions"
    first = post_json(client, url, {"target": "proposal", "id": proposal.pk, "value": "support"})
    assert first.status_code == 200, first.content
    assert first.json() == {
        "target": "proposal",
        "id": proposal.pk,
        "counts": {"support": 1, "oppose": 0, "unsure": 0},
        "my_reaction": "support",
    }
    second = post_json(client, url, {"target": "proposal", "id": proposal.pk, "value": "oppose"})
    assert second.json()["counts"] == {"support": 0, "oppose": 1, "unsure": 0}
    gone = post_json(client, url, {"target": "proposal", "id": proposal.pk, "value": None})
    assert gone.json()["my_reaction"] is None
    assert not Reaction.objects.exists()
    listed = client.get(f"{base(page)}/proposals").json()
    assert listed[0]["my_reaction"] is None


@pytest.mark.parametrize(
    ("payload", "status", "needle"),
    [
        ({"target": "proposal", "value": "love"}, 400, "is not a reaction"),
        ({"target": "consultation", "value": "support"}, 400, "must be “proposal” or “comment”"),
        (
            {"target": "comment", "value": "support"},
            404,
            "no comment with this number that you can see",
        ),
    ],
)
def test_bad_reactions_are_explained(page, proposal, payload, status, needle):
    payload = {"id": proposal.pk} | payload
    response = post_json(api_client(UserFactory()), f"{base(page)}/reactions", payload)
    assert response.status_code == status
    assert needle in response.json()["detail"]
    assert not Reaction.objects.exists()


def test_reaction_on_a_pending_comment_is_404(consultation_index):
    pre = build_consultation(consultation_index, title="Pre", slug="pre")
    pending = post_comment(UserFactory(), pre, "Pending")
    response = post_json(
        api_client(UserFactory()),
        f"{base(pre)}/reactions",
        {"target": "comment", "id": pending.pk, "value": "support"},
    )
    assert response.status_code == 404


def test_reaction_to_another_consultations_proposal_is_404(page, consultation_index):
    other = build_consultation(consultation_index, title="Other", slug="other")
    elsewhere = Proposal.objects.create(page=other, title="Elsewhere")
    response = post_json(
        api_client(UserFactory()),
        f"{base(page)}/reactions",
        {"target": "proposal", "id": elsewhere.pk, "value": "support"},
    )
    assert response.status_code == 404


def test_unverified_person_gets_403_with_the_reason(page, proposal):
    response = post_json(
        api_client(UserFactory(verified=False)),
        f"{base(page)}/reactions",
        {"target": "proposal", "id": proposal.pk, "value": "support"},
    )
    assert response.status_code == 403
    assert response.json()["code"] == "verify_email"


def test_survey_read_and_answer(page):
    survey = build_survey(page)
    person = UserFactory()
    client = api_client(person)
    listed = client.get(f"{base(page)}/surveys").json()
    assert [s["id"] for s in listed] == [survey.pk]
    assert [q["kind"] for q in listed[0]["questions"]] == ["single", "multiple", "scale", "text"]
    assert listed[0]["can_answer"] is True
    answers = {str(k): v for k, v in good_answers(survey).items()}
    response = put_json(client, f"{base(page)}/surveys/{survey.pk}/response", {"answers": answers})
    assert response.status_code == 200, response.content
    mine = response.json()["my_answers"]
    assert mine[str(survey.q["scale"].pk)] == 4
    assert sorted(mine[str(survey.q["multiple"].pk)]) == sorted(
        [survey.o["benches"].pk, survey.o["lights"].pk]
    )
    # Answering again edits the one response.
    answers[str(survey.q["scale"].pk)] = 2
    put_json(client, f"{base(page)}/surveys/{survey.pk}/response", {"answers": answers})
    assert (
        SurveyResponse.objects.get(user=person).answers.get(question=survey.q["scale"]).scale == 2
    )


def test_survey_errors_are_listed_by_question(page):
    survey = build_survey(page)
    answers = {str(k): v for k, v in good_answers(survey).items()}
    answers[str(survey.q["scale"].pk)] = 7
    answers[str(survey.q["single"].pk)] = survey.o["toilets"].pk
    response = put_json(
        api_client(UserFactory()),
        f"{base(page)}/surveys/{survey.pk}/response",
        {"answers": answers},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_answers"
    assert body["errors"] == {
        str(survey.q["scale"].pk): "7 is not on the scale. Choose a number from 1 to 5.",
        str(
            survey.q["single"].pk
        ): "One of the options chosen does not belong to this question. Please choose again.",
    }
    assert not SurveyResponse.objects.exists()


def test_answering_another_consultations_survey_is_refused(page, consultation_index):
    other = build_consultation(consultation_index, title="Other", slug="other")
    survey = build_survey(other)
    answers = {str(k): v for k, v in good_answers(survey).items()}
    response = put_json(
        api_client(UserFactory()),
        f"{base(page)}/surveys/{survey.pk}/response",
        {"answers": answers},
    )
    assert response.status_code == 404
    assert "belongs to another consultation" in response.json()["detail"]
    assert not SurveyResponse.objects.exists()


def test_answering_a_closed_consultations_survey_is_403(consultation_index):
    closed = build_consultation(
        consultation_index, title="Old", slug="old", opens_in_days=-30, closes_in_days=-1
    )
    survey = build_survey(closed)
    answers = {str(k): v for k, v in good_answers(survey).items()}
    response = put_json(
        api_client(UserFactory()),
        f"{base(closed)}/surveys/{survey.pk}/response",
        {"answers": answers},
    )
    assert response.status_code == 403
    assert response.json()["code"] == "closed"


def test_session_writes_need_the_csrf_token(page, proposal):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    response = post_json(
        client,
        f"{base(page)}/reactions",
        {"target": "proposal", "id": proposal.pk, "value": "support"},
    )
    assert response.status_code == 403
    assert not Reaction.objects.exists()


def test_errors_are_translated(page):
    response = Client().post(
        f"{base(page)}/comments",
        {"text": "x"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 401
    assert response["Content-Language"] == "fr"
