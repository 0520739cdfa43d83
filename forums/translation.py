"""Translatable fields of forum pages and topics (wagtail-modeltranslation).

Threads, posts and fact-checks are not translated: they keep the language they were
written in (their `language` field).
"""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import ForumIndexPage, ForumPage, Topic


@register(ForumIndexPage)
class ForumIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(ForumPage)
class ForumPageTranslation(TranslationOptions):
    fields = ("intro", "posting_guidelines")


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)
