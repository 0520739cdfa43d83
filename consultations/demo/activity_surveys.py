"""Survey answers of the demo activity (the `survey` of a consultation in
consultations/demo/activity.yaml): fictional participants answer an existing demo
survey, drawn with a fixed seed. Each answer set is checked by the survey's own
`clean_answers` and written as `submit_survey` writes it (a response, its answers, the
ledger), without the check that the person has a verified address; the answers and
ledger rows of all respondents go in at once.
"""

import datetime
import random

from django.utils import timezone
from django.utils.translation import gettext as _

from engage.communities.models import Action
from engage.communities.scopes import Scope
from engage.communities.services import record_participation_many

from ..engagement.models import (
    SCALE_MAX,
    SCALE_MIN,
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyResponse,
)
from ..engagement.services import clean_answers, survey_questions


def read_survey(node):
    """The survey part of the data, checked as far as it can be without the database."""
    node["title"].str()
    node["respondents"].int()
    node["random_seed"].int()
    for item in node["answers"].list():
        item["question"].str()
        if item.has("texts"):
            item["texts"].strings()
        else:
            for _option, weight in item["weights"].items():
                weight.number()
    return node


def seed_survey_answers(page, node, draw, context):
    """`respondents` people of the pool answer the survey; those who did are skipped."""
    survey = (
        Survey.objects.with_questions().filter(consultation=page, title=node["title"].str()).first()
    )
    if survey is None:
        raise node["title"].error(_("no survey with this title on the consultation"))
    questions = {question.text: question for question in survey_questions(survey)}
    plans = [_question_plan(item, questions) for item in node["answers"].list()]
    count = node["respondents"].int()
    people = draw.people(f"survey:{survey.pk}", count, node["respondents"])
    answered = set(SurveyResponse.objects.filter(survey=survey).values_list("user_id", flat=True))
    rng = random.Random(f"{node['random_seed'].int()}:{survey.pk}")  # noqa: S311
    span = max((min(timezone.now(), page.closes_at) - page.opens_at).total_seconds(), 60)
    rows, ledger = [], []
    for number, person in enumerate(people):
        # Every draw is made, answered or not, so each person always gets the same answers.
        answers = {plan[0].pk: _answer(plan, number, rng) for plan in plans}
        moment = page.opens_at + datetime.timedelta(seconds=rng.uniform(60, span))
        if person.pk in answered:
            continue
        cleaned, errors = clean_answers(survey, answers)
        if errors:
            raise node.error("; ".join(str(message) for message in errors.values()))
        response = SurveyResponse.objects.create(
            survey=survey, user=person, created_at=moment, updated_at=moment
        )
        rows += _rows(response, questions.values(), cleaned)
        ledger.append((person, [Scope.of("consultation", page.pk)]))
    SurveyAnswer.objects.bulk_create(rows)
    record_participation_many(Action.ANSWERED, ledger, area=page.area)
    context.note(ledger, "survey responses", f"{len(ledger)} to {survey.title}")


def _question_plan(item, questions):
    question = questions.get(item["question"].str())
    if question is None:
        raise item["question"].error(_("no question with this text in the survey"))
    if question.kind == QuestionKind.TEXT:
        return question, item.get("texts", []).strings(), None, 1
    if question.kind == QuestionKind.SCALE:
        choices = {str(value): value for value in range(SCALE_MIN, SCALE_MAX + 1)}
    else:
        choices = {option.text: option.pk for option in question.options.all()}
    weights = {}
    for key, weight in item["weights"].items():
        if str(key) not in choices:
            raise weight.error(
                _("“%(value)s” is not one of: %(choices)s")
                % {"value": key, "choices": ", ".join(choices)}
            )
        weights[choices[str(key)]] = weight.number()
    choose = item.get("choose", 1).int() if question.kind == QuestionKind.MULTIPLE else 1
    return question, None, weights, choose


def _answer(plan, number, rng):
    """One person's answer to one question: the `number`-th text, or weighted choices."""
    question, texts, weights, choose = plan
    if texts is not None:
        return texts[number] if number < len(texts) else ""
    values, shares = list(weights), list(weights.values())
    picked = []
    while len(picked) < min(choose, sum(1 for share in shares if share > 0)):
        value = rng.choices(values, shares)[0]
        if value not in picked:
            picked.append(value)
    return picked if question.kind == QuestionKind.MULTIPLE else picked[0]


def _rows(response, questions, cleaned):
    rows = []
    for question in questions:
        value = cleaned.get(question.pk)
        if value is None:
            continue
        if question.kind == QuestionKind.TEXT:
            rows.append(SurveyAnswer(response=response, question=question, text=value))
        elif question.kind == QuestionKind.SCALE:
            rows.append(SurveyAnswer(response=response, question=question, scale=value))
        else:
            for option_id in value if isinstance(value, list) else [value]:
                rows.append(SurveyAnswer(response=response, question=question, option_id=option_id))
    return rows
