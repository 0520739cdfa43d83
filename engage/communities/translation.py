"""Translatable names of dimensions and community groups (django-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import Category, Dimension


@register(Dimension)
class DimensionTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name",)
