"""Reaction buttons and survey pages, without and with JavaScript (fetch fragments)."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultations.engagement.models import Reaction, SurveyResponse
from consultations.engagement.services import react, submit_survey
from consultations.models import Comment, CommentStatus
from tests.factories import UserFactory, build_consultation
from tests.pages.helpers import assert_one_h1

from .conftest import build_survey, good_answers

pytestmark = pytest.mark.django_db


def react_url(kind, target):
    return reverse("consultations:engagement:react", kwargs={"kind": kind, "pk": target.pk})


def pressed(content):
    """The values of the reaction buttons shown as pressed."""
    return re.findall(r'aria-pressed="true" data-value="(\w+)"', content)


def test_page_shows_reaction_buttons_with_counts_and_pressed_state(
    client, proposal, comment, resident
):
    react(UserFactory(), proposal, "support")
    react(resident, comment, "unsure")
    client.force_login(resident)
    content = client.get(proposal.page.url).content.decode()
    assert f'action="{react_url("proposal", proposal)}"' in content
    assert f'action="{react_url("comment", comment)}"' in content
    assert pressed(content) == ["unsure"]
    assert (
        f'data-reaction-target="proposal:{proposal.pk}" data-reaction-value="support">1<' in content
    )
    assert 'aria-label="Your reaction to this comment"' in content


def test_anonymous_reader_sees_counts_but_no_buttons(client, proposal):
    react(UserFactory(), proposal, "oppose")
    content = client.get(proposal.page.url).content.decode()
    assert react_url("proposal", proposal) not in content
    assert (
        f'data-reaction-target="proposal:{proposal.pk}" data-reaction-value="oppose">1<' in content
    )


def test_reacting_without_javascript_redirects_back_to_the_target(client, proposal, resident):
    client.force_login(resident)
    back = proposal.page.url + f"#proposal-{proposal.pk}"
    response = client.post(react_url("proposal", proposal), {"value": "support", "next": back})
    assert response.status_code == 302
    assert response["Location"] == back
    assert Reaction.objects.get().value == "support"
    page = client.get(proposal.page.url).content.decode()
    assert "Your reaction has been saved." in page
    assert pressed(page) == ["support"]
    # Pressing it again takes it back.
    client.post(react_url("proposal", proposal), {"value": "remove", "next": back})
    assert not Reaction.objects.exists()


def test_foreign_next_address_is_not_followed(client, proposal, resident):
    client.force_login(resident)
    response = client.post(
        react_url("proposal", proposal), {"value": "support", "next": "https://evil.example/"}
    )
    assert response["Location"] == f"{proposal.page.url}#proposal-{proposal.pk}"


def test_fetch_submission_answers_with_updated_buttons(client, comment, resident):
    client.force_login(resident)
    response = client.post(
        react_url("comment", comment),
        {"value": "oppose", "next": "/"},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<div class="reactions"')
    assert pressed(content) == ["oppose"]
    assert "Your reaction has been saved." in content
    assert 'value="remove" aria-pressed="true"' in content


def test_bad_value_through_fetch_is_explained(client, comment, resident):
    client.force_login(resident)
    response = client.post(
        react_url("comment", comment), {"value": "love"}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.status_code == 400
    assert (
        "“love” is not a reaction. Choose support, oppose or unsure." in response.content.decode()
    )
    assert not Reaction.objects.exists()


def test_bad_value_without_javascript_is_explained_after_redirect(client, comment, resident):
    client.force_login(resident)
    response = client.post(react_url("comment", comment), {"value": "love"}, follow=True)
    assert "is not a reaction" in response.content.decode()
    assert not Reaction.objects.exists()


def test_hidden_comment_answers_404(client, consultation, resident):
    from consultations.services import post_comment

    pending = post_comment(UserFactory(), consultation, "Pending.")
    client.force_login(resident)
    response = client.post(react_url("comment", pending), {"value": "support"})
    assert response.status_code == 404
    assert not Reaction.objects.exists()


def test_unknown_kind_answers_404(client, proposal, resident):
    client.force_login(resident)
    response = client.post(f"/en/reactions/consultation/{proposal.pk}/", {"value": "support"})
    assert response.status_code == 404


def test_reacting_needs_post(client, proposal, resident):
    client.force_login(resident)
    assert client.get(react_url("proposal", proposal)).status_code == 405


def add_comments(consultation, count):
    author = UserFactory()
    now = timezone.now()
    comments = Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            author=author,
            body_text=f"Comment {n}",
            body_html=f"<p>Comment {n}</p>",
            language="en",
            status=CommentStatus.PUBLISHED,
            created_at=now - datetime.timedelta(seconds=n),
        )
        for n in range(count)
    )
    return comments


def test_reactions_add_no_query_per_comment(client, consultation_index, django_assert_num_queries):
    few = build_consultation(consultation_index, title="Few", slug="few")
    many = build_consultation(consultation_index, title="Many", slug="many")
    few_comments = add_comments(few, 2)
    comments = add_comments(many, 20)
    people = [UserFactory() for _n in range(3)]
    Reaction.objects.bulk_create(
        Reaction(user=person, consultation=many, comment=comment, value="support")
        for comment in comments
        for person in people
    )
    reader = people[0]
    # The reader has reacted on both pages, so both render their own (uncached) comment
    # section: a reader who has not taken part gets the section shared by all such readers.
    Reaction.objects.create(user=reader, consultation=few, comment=few_comments[0], value="support")
    client.force_login(reader)
    client.get(few.url)  # warm caches (the about-box and thread snapshots of each page)
    client.get(many.url)
    with CaptureQueriesContext(connection) as measured:
        client.get(few.url)
    with django_assert_num_queries(len(measured)):
        response = client.get(many.url)
    content = response.content.decode()
    assert content.count('data-reaction-value="support">3<') == 20
    assert len(pressed(content)) == 20


# --- Survey pages ----------------------------------------------------------------------


def survey_url(survey):
    return reverse("consultations:engagement:survey", kwargs={"pk": survey.pk})


def form_data(survey, answers):
    data = {}
    for pk, value in answers.items():
        data[f"q{pk}"] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return data


def test_consultation_page_links_to_its_survey(client, survey):
    content = client.get(survey.consultation.url).content.decode()
    assert f'href="{survey_url(survey)}"' in content


def test_survey_page_has_a_field_per_question(client, survey, resident):
    client.force_login(resident)
    response = client.get(survey_url(survey))
    assert response.status_code == 200
    assert_one_h1(response)
    content = response.content.decode()
    assert f'type="radio" name="q{survey.q["single"].pk}"' in content
    assert f'type="checkbox" name="q{survey.q["multiple"].pk}"' in content
    assert "5 – strongly agree" in content
    assert f'name="q{survey.q["text"].pk}"' in content
    assert "Send my answers" in content


def test_answering_through_the_form_and_editing(client, survey, resident):
    client.force_login(resident)
    response = client.post(survey_url(survey), form_data(survey, good_answers(survey)))
    assert response.status_code == 302
    assert SurveyResponse.objects.filter(user=resident).count() == 1
    page = client.get(survey_url(survey)).content.decode()
    assert "Your answers have been saved" in page
    assert "Save my changes" in page
    # Earlier answers are filled in for editing.
    assert re.search(rf'value="{survey.o["lights"].pk}"[^>]*checked', page)
    assert re.search(r'value="4"[^>]*checked', page)
    assert "More bins, please." in page


def test_bad_answers_come_back_with_an_error_summary(client, survey, resident):
    client.force_login(resident)
    data = form_data(survey, good_answers(survey))
    data[f"q{survey.q['single'].pk}"] = str(survey.o["benches"].pk)  # another question's option
    del data[f"q{survey.q['scale'].pk}"]
    response = client.post(survey_url(survey), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem" in content
    assert "does not belong to this question" in content
    assert "Please answer this question." in content
    assert 'aria-invalid="true"' in content
    assert not SurveyResponse.objects.exists()


def test_closed_survey_is_read_only_with_the_earlier_answers(client, consultation_index, resident):
    page = build_consultation(consultation_index, title="Old", slug="old")
    survey = build_survey(page)
    submit_survey(resident, survey, good_answers(survey))
    page.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save_revision().publish()
    client.force_login(resident)
    content = client.get(survey_url(survey)).content.decode()
    assert "its survey no longer takes answers" in content
    assert "They can no longer be changed." in content
    assert "disabled" in content
    assert "Save my changes" not in content
    response = client.post(survey_url(survey), form_data(survey, good_answers(survey)), follow=True)
    assert "no longer takes answers" in response.content.decode()


def test_anonymous_visitor_is_asked_to_log_in(client, survey):
    content = client.get(survey_url(survey)).content.decode()
    assert "Please log in or create a free account to answer the survey." in content
    assert "How often?" in content
    assert "Send my answers" not in content


def test_inactive_survey_answers_404(client, open_consultation, resident):
    survey = build_survey(open_consultation, is_active=False)
    client.force_login(resident)
    assert client.get(survey_url(survey)).status_code == 404


def test_survey_page_in_arabic_is_right_to_left(client, survey):
    response = client.get(survey_url(survey).replace("/en/", "/ar/", 1))
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()
