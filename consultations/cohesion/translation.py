"""Translatable fields of the cohesion section (wagtail-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import CohesionSection


@register(CohesionSection)
class CohesionSectionTranslation(TranslationOptions):
    fields = ("considered", "conclusions", "alerts_note", "resident_summary")
