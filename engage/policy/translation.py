"""Translatable names of policy areas (django-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import PolicyArea


@register(PolicyArea)
class PolicyAreaTranslation(TranslationOptions):
    fields = ("name", "description")
