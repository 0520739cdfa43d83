"""Translatable fields of briefs (modeltranslation): the published text, one column per
language (`published_html_ar`...). Publishing writes the original language's column;
translators fill the others in the admin."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import Brief


@register(Brief)
class BriefTranslation(TranslationOptions):
    fields = ("published_html",)
