"""Forms of the voting page: a vote, and a resident's statement. The rules themselves
live in services.py and rules.py; these only carry the input."""

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from engage.forms import ServiceErrorsMixin

from .models import STATEMENT_MAX_LENGTH, VoteValue

# The buttons, in the order they are shown.
VOTE_CHOICES = [
    (VoteValue.AGREE, pgettext_lazy("opinion vote", "Agree")),
    (VoteValue.DISAGREE, pgettext_lazy("opinion vote", "Disagree")),
    (VoteValue.PASS, pgettext_lazy("opinion vote", "Pass / unsure")),
]


class VoteForm(forms.Form):
    """One vote: the statement and the button pressed (its `value`)."""

    statement = forms.IntegerField(widget=forms.HiddenInput)
    value = forms.TypedChoiceField(
        choices=[(int(value), label) for value, label in VOTE_CHOICES],
        coerce=int,
        error_messages={"required": _("Please choose agree, disagree or pass.")},
    )


class StatementForm(ServiceErrorsMixin, forms.Form):
    """A resident's statement and, optionally, the language it is written in."""

    text_field = "text"
    field_for_code = {"repeated": "text"}

    text = forms.CharField(
        label=_("Your statement"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": STATEMENT_MAX_LENGTH}),
        strip=False,
        error_messages={"required": _("Please write your statement before sending it.")},
    )
    language = forms.ChoiceField(label=_("Language you are writing in"), required=False, choices=())

    def __init__(self, *args, pre_moderated=True, **kwargs):
        super().__init__(*args, **kwargs)
        help_text = _(
            "One idea others can agree or disagree with, in %(limit)s characters or fewer."
        ) % {"limit": STATEMENT_MAX_LENGTH}
        if pre_moderated:
            # Not inside an f-string: makemessages does not find messages there.
            moderated = _("A moderator reads it before others see it.")
            help_text = f"{help_text} {moderated}"
        self.fields["text"].help_text = help_text
        # The page's language is chosen at first, as for comments: detecting a language
        # loads lingua's models into the web process (seconds, once per process).
        self.fields["language"].choices = [*settings.LANGUAGES, ("", _("Detect it for me"))]
        self.fields["language"].initial = translation.get_language() or settings.LANGUAGE_CODE
