"""Translatable survey texts (wagtail-modeltranslation): one survey, every language."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import Survey, SurveyOption, SurveyQuestion


@register(Survey)
class SurveyTranslation(TranslationOptions):
    fields = ("title", "intro")


@register(SurveyQuestion)
class SurveyQuestionTranslation(TranslationOptions):
    fields = ("text",)


@register(SurveyOption)
class SurveyOptionTranslation(TranslationOptions):
    fields = ("text",)
