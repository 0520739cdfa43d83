"""Translatable names of tension indicators (django-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import TensionIndicator


@register(TensionIndicator)
class TensionIndicatorTranslation(TranslationOptions):
    fields = ("name",)
