"""Reactions and surveys in the API, under /api/v1/consultations/ (mounted in engage.api
beside consultations' own router, at the same prefix).

Reactions: set, change or take back your reaction to a proposal or comment. Surveys:
list a consultation's active surveys, read one with your saved answers, and answer it.
Reads are public where the consultation is (`engagement.view_survey`); writes need a
signed-in person and call the same services as the web pages (consultations/engagement/
services.py), with permissions from consultations/engagement/rules.py and rate limits
from engage.ratelimit (429 with Retry-After).

Operation ids keep the names they had when these lived in consultations/api.py, so
clients generated from the OpenAPI document keep working.
"""

import rules
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from consultations.api import (
    ProblemOut,
    ReactionCountsOut,
    bad_request,
    blocked,
    problem,
    viewable_consultation,
)
from consultations.models import Comment, Proposal
from engage.apikit import PUBLIC_READ, SIGNED_IN, ErrorOut, request_language
from engage.ratelimit import check_rate, client_address

from .models import Reaction, ReactionValue, Survey
from .rules import react_blocker, survey_blocker
from .services import (
    REACT_MESSAGES,
    SURVEY_MESSAGES,
    SurveyErrors,
    previous_answers,
    react,
    remove_reaction,
    submit_survey,
    survey_questions,
)

router = Router(tags=["consultations"], auth=PUBLIC_READ)


class ReactionIn(Schema):
    target: str = Field(description="`proposal` or `comment`.")
    id: int
    value: str | None = Field(
        description="`support`, `oppose` or `unsure`; null takes your reaction back."
    )


class ReactionOut(Schema):
    target: str
    id: int
    counts: ReactionCountsOut
    my_reaction: ReactionValue | None


def reaction_target_for(request, consultation, kind, pk):
    """The proposal or comment of `consultation` the caller may see, or 404."""
    if kind == "proposal":
        target = Proposal.objects.filter(pk=pk, page=consultation).first()
    elif kind == "comment":
        target = (
            Comment.objects.visible_to(request.user)
            .filter(pk=pk, consultation=consultation)
            .select_related("consultation")
            .first()
        )
    else:
        raise HttpError(400, str(_("“target” must be “proposal” or “comment”.")))
    if target is None:
        raise Http404(
            _("This consultation has no %(target)s with this number that you can see.")
            % {"target": kind}
        )
    return target


@router.post(
    "/{int:consultation_id}/reactions",
    auth=SIGNED_IN,
    response={
        200: ReactionOut,
        400: ProblemOut,
        401: ErrorOut,
        403: ProblemOut,
        404: ErrorOut,
        429: ErrorOut,
    },
    summary="React to a proposal or comment",
    url_name="consultation_react",
    operation_id="consultations_api_react_api",
)
def react_api(request, consultation_id: int, payload: ReactionIn):
    """Set your reaction (one per person and target; sending again changes it), or
    take it back with `"value": null`. Answers with the new counts."""

    consultation = viewable_consultation(request, consultation_id)
    target = reaction_target_for(request, consultation, payload.target, payload.id)
    if payload.value is not None and payload.value not in ReactionValue.values:
        return bad_request(
            _("“%(value)s” is not a reaction. Choose support, oppose or unsure.")
            % {"value": payload.value[:20]},
            "invalid_value",
        )
    if not rules.test_rule("engagement.react", request.user, target):
        blocker = react_blocker(request.user, target)
        return blocked(request, REACT_MESSAGES[blocker], blocker)
    check_rate("reaction", user=request.user, address=client_address(request))
    try:
        if payload.value is None:
            remove_reaction(request.user, target)
        else:
            react(request.user, target, payload.value)
    except ValidationError as error:
        return problem(error)
    mine = (
        Reaction.objects.for_target(target)
        .filter(user=request.user)
        .values_list("value", flat=True)
        .first()
    )
    return {
        "target": payload.target,
        "id": target.pk,
        "counts": Reaction.objects.counts_for(target),
        "my_reaction": mine,
    }


class OptionOut(Schema):
    id: int
    text: str


class QuestionOut(Schema):
    id: int
    kind: str = Field(description="single, multiple, scale (1–5) or text.")
    text: str
    required: bool
    options: list[OptionOut]


class SurveyOut(Schema):
    id: int
    consultation_id: int
    title: str
    intro: str
    can_answer: bool
    questions: list[QuestionOut]
    my_answers: dict[int, int | list[int] | str] = Field(
        description="Your saved answers by question id (empty when none)."
    )


def survey_out(request, survey):

    return {
        "id": survey.pk,
        "consultation_id": survey.consultation_id,
        "title": survey.title,
        "intro": survey.intro,
        "can_answer": rules.test_rule("engagement.answer_survey", request.user, survey),
        "questions": [
            {
                "id": question.pk,
                "kind": question.kind,
                "text": question.text,
                "required": question.required,
                "options": [{"id": o.pk, "text": o.text} for o in question.options.all()],
            }
            for question in survey_questions(survey)
        ],
        "my_answers": previous_answers(request.user, survey),
    }


def survey_of(request, consultation, survey_id):

    survey = (
        Survey.objects.with_questions().select_related("consultation").filter(pk=survey_id).first()
    )
    if survey is None or not rules.test_rule("engagement.view_survey", request.user, survey):
        raise Http404(_("There is no survey with this number."))
    if survey.consultation_id != consultation.pk:
        raise Http404(
            _("This survey belongs to another consultation. Use that consultation's address.")
        )
    return survey


@router.get(
    "/{int:consultation_id}/surveys",
    response={200: list[SurveyOut], 400: ErrorOut, 404: ErrorOut},
    summary="The surveys of a consultation",
    url_name="consultation_surveys",
    operation_id="consultations_api_list_surveys",
)
def list_surveys(request, consultation_id: int, response: HttpResponse, lang: str | None = None):
    """Active surveys with their questions and options (and your answers, if any)."""
    language = request_language(request, lang)
    consultation = viewable_consultation(request, consultation_id)
    response["Content-Language"] = language
    surveys = Survey.objects.active().for_consultation(consultation).with_questions()
    with translation.override(language):
        return [survey_out(request, survey) for survey in surveys.select_related("consultation")]


@router.get(
    "/{int:consultation_id}/surveys/{int:survey_id}",
    response={200: SurveyOut, 400: ErrorOut, 404: ErrorOut},
    summary="One survey",
    url_name="consultation_survey",
    operation_id="consultations_api_get_survey",
)
def get_survey(
    request, consultation_id: int, survey_id: int, response: HttpResponse, lang: str | None = None
):
    """One survey with its questions, options and your answers."""
    language = request_language(request, lang)
    consultation = viewable_consultation(request, consultation_id)
    survey = survey_of(request, consultation, survey_id)
    response["Content-Language"] = language
    with translation.override(language):
        return survey_out(request, survey)


class SurveyAnswersIn(Schema):
    answers: dict[int, int | list[int] | str | None] = Field(
        description=(
            "By question id: an option id (single choice), a list of option ids "
            "(multiple choice), a number 1–5 (scale) or a text."
        )
    )


@router.put(
    "/{int:consultation_id}/surveys/{int:survey_id}/response",
    auth=SIGNED_IN,
    response={
        200: SurveyOut,
        400: ProblemOut,
        401: ErrorOut,
        403: ProblemOut,
        404: ErrorOut,
        429: ErrorOut,
    },
    summary="Answer a survey",
    url_name="consultation_survey_answer",
    operation_id="consultations_api_answer_survey",
)
def answer_survey(request, consultation_id: int, survey_id: int, payload: SurveyAnswersIn):
    """Save your answers, replacing earlier ones (allowed until the consultation closes).
    Wrong or missing answers give 400 with `errors` by question id; nothing is saved."""
    consultation = viewable_consultation(request, consultation_id)
    survey = survey_of(request, consultation, survey_id)
    if not rules.test_rule("engagement.answer_survey", request.user, survey):
        blocker = survey_blocker(request.user, survey)
        return blocked(request, SURVEY_MESSAGES[blocker], blocker)
    check_rate("survey", user=request.user, address=client_address(request))
    try:
        submit_survey(request.user, survey, payload.answers)
    except SurveyErrors as error:
        return bad_request(
            error.messages[0],
            "invalid_answers",
            errors={
                str(pk) if pk is not None else "survey": str(message)
                for pk, message in error.errors.items()
            },
        )
    except ValidationError as error:
        return problem(error)
    return survey_out(request, survey)
