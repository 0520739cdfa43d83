"""Reactions and surveys on consultations (consultations.engagement)."""

import factory

from consultations.engagement.models import (
    QuestionKind,
    Reaction,
    Survey,
    SurveyOption,
    SurveyQuestion,
)
from tests.factories.accounts import UserFactory


class SurveyFactory(factory.django.DjangoModelFactory):
    """An active survey on `consultation` (a ConsultationPage, required)."""

    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Survey {n}")


class SurveyQuestionFactory(factory.django.DjangoModelFactory):
    """A scale question in `survey` unless `kind` says otherwise."""

    class Meta:
        model = SurveyQuestion

    survey = factory.SubFactory(SurveyFactory)
    kind = QuestionKind.SCALE
    text = factory.Sequence(lambda n: f"Question {n}?")


class SurveyOptionFactory(factory.django.DjangoModelFactory):
    """One option of a choice `question`."""

    class Meta:
        model = SurveyOption

    question = factory.SubFactory(SurveyQuestionFactory, kind=QuestionKind.SINGLE)
    text = factory.Sequence(lambda n: f"Option {n}")


class ReactionFactory(factory.django.DjangoModelFactory):
    """`user` supports something on `consultation`: pass `proposal` or `comment`."""

    class Meta:
        model = Reaction

    user = factory.SubFactory(UserFactory)
    value = "support"
