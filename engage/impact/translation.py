"""Translatable title of impact assessments (django-modeltranslation): it is shown on
the consultation page, the published summaries and the register in every language."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import ImpactAssessment


@register(ImpactAssessment)
class ImpactAssessmentTranslation(TranslationOptions):
    fields = ("title",)
