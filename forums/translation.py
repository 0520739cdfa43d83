"""Translatable fields of forum pages (wagtail-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import ForumIndexPage, ForumPage


@register(ForumIndexPage)
class ForumIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(ForumPage)
class ForumPageTranslation(TranslationOptions):
    fields = ("intro", "posting_guidelines")
