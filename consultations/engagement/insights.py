"""Free-text survey answers as analysed resident texts (`engage.insights.registry`).
Imported by `EngagementConfig.ready()`.

Answers are bulk-created when a survey is submitted (no `post_save` per answer), so the
response's save triggers their analysis after commit; the answers a resubmission
replaces are deleted and leave the aggregates. They count in the survey's consultation,
its area and policy area, and the city. Answers are not moderated content: an abuse flag
is counted but does not reach the moderation queue.
"""

from consultations.insights import consultation_scopes
from engage.insights.registry import register_target

from .models import QuestionKind, SurveyAnswer, SurveyResponse

RELATED = (
    "response__survey__consultation__area",
    "response__survey__consultation__policy_area",
)


def text_answers():
    return SurveyAnswer.objects.filter(question__kind=QuestionKind.TEXT).exclude(text="")


def answer_scopes(answer):
    return consultation_scopes(answer.response.survey.consultation)


register_target(
    SurveyAnswer,
    kind="survey_answer",
    author=lambda answer: answer.response.user_id,
    text=lambda answer: answer.text,
    scopes=answer_scopes,
    visible=lambda answer: True,
    created_at=lambda answer: answer.response.updated_at,
    created_field="response__updated_at",
    queryset=lambda: text_answers().select_related(*RELATED),
    watched_fields={"text"},
    triggers=[
        (
            SurveyResponse,
            lambda response: text_answers().filter(response=response).select_related(*RELATED),
        )
    ],
)
