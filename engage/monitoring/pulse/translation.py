"""Translatable wording of waves and their extra questions (django-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import Wave, WaveQuestion


@register(Wave)
class WaveTranslation(TranslationOptions):
    fields = ("title", "introduction")


@register(WaveQuestion)
class WaveQuestionTranslation(TranslationOptions):
    fields = ("text",)
