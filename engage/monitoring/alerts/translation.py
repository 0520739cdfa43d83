"""Translatable names and explanations of early-warning rules (django-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import AlertRule


@register(AlertRule)
class AlertRuleTranslation(TranslationOptions):
    fields = ("name", "explanation")
