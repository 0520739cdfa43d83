"""The search form: what the reader typed and which kind of result to show."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import registry
from .query import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    """`q` (required, at most MAX_QUERY_LENGTH characters, white space folded) and
    `type`, a registered group or empty for everything; an unknown type is ignored."""

    q = forms.CharField(
        label=_("Search for"),
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={
            "required": _("Type a word or two to search for, for example “park”."),
            "max_length": _(
                "Your search is %(show_value)d characters long. Shorten it to "
                "%(limit_value)d characters or fewer and search again."
            ),
        },
    )
    type = forms.CharField(required=False)

    def clean_q(self):
        text = " ".join(self.cleaned_data["q"].split())
        if not any(character.isalnum() for character in text):
            raise forms.ValidationError(
                _("Type a word or two to search for, for example “park”."), code="required"
            )
        return text

    def clean_type(self):
        value = self.cleaned_data.get("type", "")
        return value if value in {group.key for group in registry.groups()} else ""
