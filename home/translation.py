"""Translatable fields (wagtail-modeltranslation): one page, a column per language."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import HomePage, StandardPage


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("intro",)


@register(StandardPage)
class StandardPageTranslation(TranslationOptions):
    fields = ("intro", "body")
