"""Demo surveys (consultations/engagement/demo/surveys.yaml), loaded by
`manage.py seed_demo`: a short survey on a demo consultation. Idempotent: a survey with
the same title on the same consultation is kept as it is."""

from pathlib import Path

from consultations.models import ConsultationPage
from engage.demo.data import DemoContext, read

from ..models import QuestionKind, Survey, SurveyOption, SurveyQuestion

DATA_DIR = Path(__file__).resolve().parent
DATA_FILE = "surveys.yaml"


def load_demo(data_dir, context):
    for node in read(data_dir, DATA_FILE)["surveys"].list():
        seed_survey(node)


def seed():
    """Load the demo surveys from this app's own data file."""
    load_demo(DATA_DIR, DemoContext())


def texts(node, field_name):
    """Model keyword arguments for a translated field written either as one English
    string or as a mapping by language code (see docs/demo.md)."""
    if isinstance(node.value, dict):
        return node.translated(field_name)
    return {field_name: node.str()}


def seed_survey(node):
    """The survey, created with its questions unless it exists (identified by its
    English title). Returns it, or None when the consultation does not exist."""
    park = ConsultationPage.objects.filter(slug=node["consultation"].str()).first()
    title = texts(node["title"], "title")
    intro = texts(node["intro"], "intro") if node.has("intro") else {}
    questions = [
        (
            item["kind"].choice(QuestionKind),
            texts(item["text"], "text"),
            item.get("required", False).bool(),
            [texts(option, "text") for option in item.get("options", []).list()],
        )
        for item in node["questions"].list()
    ]
    if park is None:
        return None
    existing = Survey.objects.filter(consultation=park, title_en=title["title"]).first()
    if existing is not None:
        return existing
    survey = Survey.objects.create(consultation=park, **title, **intro)
    for order, (kind, text, required, options) in enumerate(questions):
        question = SurveyQuestion.objects.create(
            survey=survey, kind=kind, required=required, sort_order=order, **text
        )
        SurveyOption.objects.bulk_create(
            SurveyOption(question=question, sort_order=n, **option)
            for n, option in enumerate(options)
        )
    return survey
