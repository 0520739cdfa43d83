"""Translatable fields of consultation pages (wagtail-modeltranslation); co-design
sessions register theirs in `consultations/codesign/translation.py`."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import (
    ConsultationDocument,
    ConsultationIndexPage,
    ConsultationPage,
    Proposal,
)


@register(ConsultationIndexPage)
class ConsultationIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(ConsultationPage)
class ConsultationPageTranslation(TranslationOptions):
    fields = ("summary", "body", "outcome", "image_alt")


@register(Proposal)
class ProposalTranslation(TranslationOptions):
    fields = ("title", "body")


@register(ConsultationDocument)
class ConsultationDocumentTranslation(TranslationOptions):
    fields = ("description",)
