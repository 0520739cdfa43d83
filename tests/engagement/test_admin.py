"""Staff build surveys in the Wagtail admin: questions inline, options nested inside."""

import re

import pytest

from consultations.engagement.models import QuestionKind, Survey
from tests.factories import UserFactory, city_staff, with_totp

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/engagement/survey/add/"


@pytest.fixture
def staff_client(client, settings):
    settings.ENGAGE_MFA_EXEMPT_EMAILS = []
    client.force_login(with_totp(city_staff()))
    return client


def test_add_form_shows_nested_questions_and_options(staff_client, open_consultation):
    response = staff_client.get(ADD_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="questions-TOTAL_FORMS"' in content
    assert re.search(r'name="questions-__prefix__-options-TOTAL_FORMS"', content)


def test_staff_create_a_survey_with_a_question_and_options(staff_client, open_consultation):
    data = {
        "consultation": open_consultation.pk,
        "title_en": "Benches",
        "intro_en": "Two minutes.",
        "is_active": "on",
        "sort_order": "0",
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "1",
        "questions-MAX_NUM_FORMS": "1000",
        "questions-0-text_en": "Where should benches go?",
        "questions-0-kind": QuestionKind.SINGLE,
        "questions-0-required": "on",
        "questions-0-ORDER": "1",
        "questions-0-DELETE": "",
        "questions-0-id": "",
        "questions-0-options-TOTAL_FORMS": "2",
        "questions-0-options-INITIAL_FORMS": "0",
        "questions-0-options-MIN_NUM_FORMS": "0",
        "questions-0-options-MAX_NUM_FORMS": "1000",
        "questions-0-options-0-text_en": "By the river",
        "questions-0-options-0-ORDER": "1",
        "questions-0-options-0-id": "",
        "questions-0-options-1-text_en": "By the playground",
        "questions-0-options-1-ORDER": "2",
        "questions-0-options-1-id": "",
    }
    response = staff_client.post(ADD_URL, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    survey = Survey.objects.get()
    question = survey.questions.get()
    assert question.text == "Where should benches go?"
    assert list(question.options.order_by("sort_order").values_list("text", flat=True)) == [
        "By the river",
        "By the playground",
    ]


def test_residents_cannot_open_the_survey_admin(client):
    client.force_login(UserFactory())
    response = client.get(ADD_URL)
    assert response.status_code in (302, 403)
    assert not Survey.objects.exists()


def test_survey_listing_shows_surveys_to_staff(staff_client, survey):
    response = staff_client.get("/admin/snippets/engagement/survey/?is_active=true")
    assert response.status_code == 200
    assert survey.title in response.content.decode()
