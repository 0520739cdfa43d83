"""Demo data for reactions and surveys: a short survey on the Riverside Park
consultation. Called by `manage.py seed_demo`; idempotent."""

from consultations.models import ConsultationPage

from .models import QuestionKind, Survey, SurveyOption, SurveyQuestion

DEMO_SURVEY_TITLE = "How would you use a renewed Riverside Park?"

QUESTIONS = [
    (
        QuestionKind.SINGLE,
        "How often do you visit Riverside Park now?",
        True,
        ["Every day", "Every week", "Now and then", "Never"],
    ),
    (
        QuestionKind.MULTIPLE,
        "What would bring you to the park more often?",
        True,
        ["A play area", "More benches and shade", "Better lighting", "Toilets", "Events"],
    ),
    (QuestionKind.SCALE, "The park feels safe to me after dark.", True, []),
    (QuestionKind.TEXT, "Anything else we should know?", False, []),
]


def seed():
    """Add the demo survey to riverside-park unless it is already there. Returns the
    survey, or None when the consultation does not exist."""
    park = ConsultationPage.objects.filter(slug="riverside-park").first()
    if park is None:
        return None
    existing = Survey.objects.filter(consultation=park, title=DEMO_SURVEY_TITLE).first()
    if existing is not None:
        return existing
    survey = Survey.objects.create(
        consultation=park,
        title=DEMO_SURVEY_TITLE,
        intro="Four short questions; it takes about two minutes. You can change your "
        "answers until the consultation closes.",
    )
    for order, (kind, text, required, options) in enumerate(QUESTIONS):
        question = SurveyQuestion.objects.create(
            survey=survey, kind=kind, text=text, required=required, sort_order=order
        )
        SurveyOption.objects.bulk_create(
            SurveyOption(question=question, text=option, sort_order=n)
            for n, option in enumerate(options)
        )
    return survey
