"""Translatable fields of consultation pages and sessions (wagtail-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import (
    CoDesignSession,
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
    fields = ("summary", "body", "outcome")


@register(CoDesignSession)
class CoDesignSessionTranslation(TranslationOptions):
    fields = ("title", "purpose", "place", "accessibility", "agenda")


@register(Proposal)
class ProposalTranslation(TranslationOptions):
    fields = ("title", "body")


@register(ConsultationDocument)
class ConsultationDocumentTranslation(TranslationOptions):
    fields = ("description",)
