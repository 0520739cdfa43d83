"""Fixtures for reactions and surveys: an open post-moderated consultation with a
proposal and a published comment, a four-question survey, consultations in each state."""

import pytest
from django.core.cache import cache

from consultations.engagement.models import QuestionKind, Survey, SurveyOption, SurveyQuestion
from consultations.models import ModerationMode, Proposal
from consultations.services import post_comment
from tests.factories import UserFactory, build_consultation


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    """Rate limits are tested in tests/ratelimit; here they would only get in the way."""
    settings.ENGAGE_RATE_LIMITS_ENABLED = False
    cache.clear()


@pytest.fixture
def open_consultation(consultation_index):
    return build_consultation(
        consultation_index,
        title="Riverside",
        slug="riverside",
        moderation_mode=ModerationMode.POST,
    )


@pytest.fixture
def proposal(open_consultation):
    return Proposal.objects.create(page=open_consultation, title="Option A", body="<p>Do A.</p>")


@pytest.fixture
def comment(open_consultation, proposal):
    return post_comment(UserFactory(), open_consultation, "A published comment.", proposal=proposal)


def build_survey(consultation, title="Park survey", is_active=True):
    """A survey with one question of each kind: single (2 options), multiple (3),
    scale, and an optional text question."""
    survey = Survey.objects.create(consultation=consultation, title=title, is_active=is_active)
    single = SurveyQuestion.objects.create(
        survey=survey, kind=QuestionKind.SINGLE, text="How often?", sort_order=0
    )
    multiple = SurveyQuestion.objects.create(
        survey=survey, kind=QuestionKind.MULTIPLE, text="What would help?", sort_order=1
    )
    scale = SurveyQuestion.objects.create(
        survey=survey, kind=QuestionKind.SCALE, text="Feels safe", sort_order=2
    )
    text = SurveyQuestion.objects.create(
        survey=survey, kind=QuestionKind.TEXT, text="Anything else?", required=False, sort_order=3
    )
    options = {
        "daily": SurveyOption.objects.create(question=single, text="Daily", sort_order=0),
        "never": SurveyOption.objects.create(question=single, text="Never", sort_order=1),
        "benches": SurveyOption.objects.create(question=multiple, text="Benches", sort_order=0),
        "lights": SurveyOption.objects.create(question=multiple, text="Lights", sort_order=1),
        "toilets": SurveyOption.objects.create(question=multiple, text="Toilets", sort_order=2),
    }
    survey.q = {"single": single, "multiple": multiple, "scale": scale, "text": text}
    survey.o = options
    return survey


@pytest.fixture
def survey(open_consultation):
    return build_survey(open_consultation)


def good_answers(survey):
    return {
        survey.q["single"].pk: survey.o["daily"].pk,
        survey.q["multiple"].pk: [survey.o["benches"].pk, survey.o["lights"].pk],
        survey.q["scale"].pk: 4,
        survey.q["text"].pk: "More bins, please.",
    }
