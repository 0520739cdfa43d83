"""Forms for the brief's no-JavaScript paths: comments, suggestions, sign-off."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from engage.forms import ServiceErrorsMixin

from .models import SignOff
from .services import QUOTE_MAX_LENGTH


class OwnIdsMixin:
    """The brief page shows several of these forms at once, with fields of the same
    name (quote, note): each form's ids get its own prefix (`id_comment_quote`), so
    every <label for> and aria reference finds its own field. Field names, and so what
    the forms post, stay as they are."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class BriefCommentForm(OwnIdsMixin, ServiceErrorsMixin, forms.Form):
    id_prefix = "comment"

    quote = forms.CharField(
        label=_("Passage you are commenting on"),
        required=False,
        max_length=QUOTE_MAX_LENGTH,
        help_text=_("Optional. Copy the words from the brief."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body = forms.CharField(
        label=_("Your comment"),
        max_length=settings.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class SuggestionForm(OwnIdsMixin, ServiceErrorsMixin, forms.Form):
    id_prefix = "suggestion"

    quote = forms.CharField(
        label=_("Passage to replace"),
        max_length=QUOTE_MAX_LENGTH,
        help_text=_("Copy the words exactly as they are in the brief, within one paragraph."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    replacement = forms.CharField(
        label=_("Replace it with"),
        required=False,
        max_length=QUOTE_MAX_LENGTH * 4,
        help_text=_("Leave empty to suggest deleting the passage."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note = forms.CharField(
        label=_("Why"),
        required=False,
        max_length=settings.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SignOffForm(OwnIdsMixin, ServiceErrorsMixin, forms.Form):
    id_prefix = "signoff"

    decision = forms.ChoiceField(
        label=_("Your answer"), choices=SignOff.Decision.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=settings.COMMENT_MAX_LENGTH,
        help_text=_("Required when you decline: say what should change."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    agree_to_be_named = forms.BooleanField(
        label=_("Name me as a co-author on the published brief"), required=False
    )
