"""Translatable fields of discussion guides (wagtail-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import DiscussionGuideIndexPage, DiscussionGuidePage


@register(DiscussionGuideIndexPage)
class DiscussionGuideIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(DiscussionGuidePage)
class DiscussionGuidePageTranslation(TranslationOptions):
    fields = ("summary", "purpose", "questions", "key_terms", "do", "avoid", "support")
