"""Surveys: one response per person, editable until closing; every kind of bad answer
gets a clear message and nothing is saved half-way."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from consultations.engagement.models import SurveyAnswer, SurveyResponse
from consultations.engagement.services import (
    SurveyErrors,
    clean_answers,
    previous_answers,
    submit_survey,
)
from engage.communities.models import Action, Participation
from tests.factories import UserFactory, build_consultation

from .conftest import build_survey, good_answers

pytestmark = pytest.mark.django_db


def test_answers_are_saved_one_row_per_chosen_option(survey, resident):
    response = submit_survey(resident, survey, good_answers(survey))
    rows = SurveyAnswer.objects.filter(response=response)
    assert sorted(rows.exclude(option=None).values_list("option__text", flat=True)) == [
        "Benches",
        "Daily",
        "Lights",
    ]
    assert rows.get(question=survey.q["scale"]).scale == 4
    assert rows.get(question=survey.q["text"]).text == "More bins, please."
    assert previous_answers(resident, survey) == {
        survey.q["single"].pk: survey.o["daily"].pk,
        survey.q["multiple"].pk: [survey.o["benches"].pk, survey.o["lights"].pk],
        survey.q["scale"].pk: 4,
        survey.q["text"].pk: "More bins, please.",
    }


def test_answering_again_replaces_the_earlier_answers(survey, resident):
    first = submit_survey(resident, survey, good_answers(survey))
    changed = good_answers(survey) | {
        survey.q["single"].pk: survey.o["never"].pk,
        survey.q["multiple"].pk: [survey.o["toilets"].pk],
        survey.q["text"].pk: "",
    }
    second = submit_survey(resident, survey, changed)
    assert second.pk == first.pk
    assert SurveyResponse.objects.count() == 1
    assert previous_answers(resident, survey) == {
        survey.q["single"].pk: survey.o["never"].pk,
        survey.q["multiple"].pk: [survey.o["toilets"].pk],
        survey.q["scale"].pk: 4,
    }


def test_answering_records_participation(survey, resident):
    submit_survey(resident, survey, good_answers(survey))
    row = Participation.objects.get(user=resident)
    assert (row.scope_type, row.scope_id) == ("consultation", str(survey.consultation_id))
    assert row.actions & Action.ANSWERED


def test_string_keys_and_values_from_forms_are_accepted(survey):
    answers = {
        str(k): (v if isinstance(v, list) else str(v)) for k, v in good_answers(survey).items()
    }
    cleaned, errors = clean_answers(survey, answers)
    assert errors == {}
    assert cleaned[survey.q["scale"].pk] == 4


def errors_for(survey, **changes):
    answers = good_answers(survey)
    for kind, value in changes.items():
        answers[survey.q[kind].pk] = value
    _cleaned, errors = clean_answers(survey, answers)
    return {kind: str(errors[q.pk]) for kind, q in survey.q.items() if q.pk in errors}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"scale": 0}, {"scale": "0 is not on the scale. Choose a number from 1 to 5."}),
        ({"scale": 6}, {"scale": "6 is not on the scale. Choose a number from 1 to 5."}),
        ({"scale": "lots"}, {"scale": "Choose one number from 1 to 5."}),
        ({"scale": [2, 3]}, {"scale": "Choose one number from 1 to 5."}),
        ({"scale": None}, {"scale": "Please answer this question."}),
        ({"single": None}, {"single": "Please answer this question."}),
        ({"multiple": []}, {"multiple": "Please answer this question."}),
        ({"single": [1, 2]}, {"single": "Please choose only one option."}),
        ({"single": "x"}, {"single": "Please choose from the options shown."}),
        (
            {"text": "x" * 1001},
            {"text": "Please keep your answer under 1000 characters (it has 1001)."},
        ),
        ({"text": ["a"]}, {"text": "Please write your answer as text."}),
    ],
)
def test_bad_answers_are_explained(survey, changes, expected):
    assert errors_for(survey, **changes) == expected


def test_option_from_another_question_is_refused(survey):
    errors = errors_for(survey, single=survey.o["benches"].pk)
    assert errors == {
        "single": "One of the options chosen does not belong to this question. Please choose again."
    }
    errors = errors_for(survey, multiple=[survey.o["lights"].pk, survey.o["daily"].pk])
    assert "does not belong to this question" in errors["multiple"]


def test_answers_to_another_surveys_questions_are_refused(survey, consultation_index, resident):
    elsewhere = build_consultation(consultation_index, title="Elsewhere", slug="elsewhere")
    other = build_survey(elsewhere, title="Other survey")
    answers = good_answers(survey) | {other.q["scale"].pk: 3}
    with pytest.raises(SurveyErrors) as caught:
        submit_survey(resident, survey, answers)
    assert "questions of another survey" in str(caught.value.errors[None])
    assert not SurveyResponse.objects.exists()


def test_invalid_answers_save_nothing_not_even_the_valid_ones(survey, resident):
    submit_survey(resident, survey, good_answers(survey))
    before = list(SurveyAnswer.objects.values_list("pk", "option_id", "scale", "text"))
    bad = good_answers(survey) | {
        survey.q["scale"].pk: 9,
        survey.q["single"].pk: survey.o["never"].pk,
    }
    with pytest.raises(SurveyErrors):
        submit_survey(resident, survey, bad)
    assert list(SurveyAnswer.objects.values_list("pk", "option_id", "scale", "text")) == before


def test_a_failure_mid_write_rolls_everything_back(survey, resident, monkeypatch):
    submit_survey(resident, survey, good_answers(survey))
    before = SurveyAnswer.objects.count()

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("consultations.engagement.services.record_participation", broken)
    with pytest.raises(RuntimeError):
        submit_survey(resident, survey, good_answers(survey) | {survey.q["scale"].pk: 1})
    assert SurveyAnswer.objects.count() == before
    assert SurveyAnswer.objects.get(question=survey.q["scale"]).scale == 4


def test_closed_consultation_survey_refuses_answers(consultation_index, resident):
    closed = build_consultation(
        consultation_index, title="Old", slug="old", opens_in_days=-30, closes_in_days=-1
    )
    survey = build_survey(closed)
    with pytest.raises(ValidationError) as caught:
        submit_survey(resident, survey, good_answers(survey))
    assert caught.value.code == "closed"
    assert "no longer takes answers" in caught.value.messages[0]


def test_inactive_survey_refuses_answers(open_consultation, resident):
    survey = build_survey(open_consultation, is_active=False)
    with pytest.raises(ValidationError) as caught:
        submit_survey(resident, survey, good_answers(survey))
    assert caught.value.code == "survey_inactive"


def test_anonymous_cannot_answer(survey):
    with pytest.raises(ValidationError) as caught:
        submit_survey(AnonymousUser(), survey, good_answers(survey))
    assert caught.value.code == "log_in"


def test_database_allows_one_response_per_person(survey):
    person = UserFactory()
    SurveyResponse.objects.create(survey=survey, user=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.create(survey=survey, user=person)


def test_database_refuses_scale_out_of_range(survey, resident):
    response = SurveyResponse.objects.create(survey=survey, user=resident)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyAnswer.objects.create(response=response, question=survey.q["scale"], scale=6)
