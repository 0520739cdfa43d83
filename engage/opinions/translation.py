"""Translatable wording of opinion maps (django-modeltranslation): the title and the
question staff write; residents' statements keep the language they were written in."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import OpinionMap


@register(OpinionMap)
class OpinionMapTranslation(TranslationOptions):
    fields = ("title", "question")
