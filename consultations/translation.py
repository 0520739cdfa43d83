"""Translatable fields of consultation pages (wagtail-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import ConsultationIndexPage, ConsultationPage


@register(ConsultationIndexPage)
class ConsultationIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(ConsultationPage)
class ConsultationPageTranslation(TranslationOptions):
    fields = ("summary",)
