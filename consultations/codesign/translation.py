"""Translatable fields of co-design sessions (wagtail-modeltranslation: `title_en`,
`title_ar`… columns, created when the model still lived in `consultations`)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import CoDesignSession


@register(CoDesignSession)
class CoDesignSessionTranslation(TranslationOptions):
    fields = ("title", "purpose", "place", "accessibility", "agenda")
