"""Account forms: sign-up with a display name, the account settings form, and the
Wagtail admin's user forms."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from engage.accounts.models import User
from engage.moderation.sanitise import has_visible_text, strip_bidi_controls

DISPLAY_NAME_MAX_LENGTH = User._meta.get_field("display_name").max_length
# Something@something.something: a display name is public, an email address is not.
EMAIL_LIKE = re.compile(r"\S+@\S+\.\S+")


def clean_display_name(value):
    """Strip the name (and any bidirectional override controls, which could reorder what
    is printed after it) and refuse blank or invisible names and names that look like
    email addresses."""
    name = " ".join(strip_bidi_controls(value).split())
    if not has_visible_text(name):
        raise ValidationError(
            _("Enter a display name. It is shown beside what you write."), code="required"
        )
    if EMAIL_LIKE.search(name):
        raise ValidationError(
            _(
                "Your display name is shown to everyone, so it cannot be an email address. "
                "Choose another name."
            ),
            code="email_like",
        )
    return name


def display_name_field(**kwargs):
    return forms.CharField(
        label=_("Display name"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        help_text=_("Shown beside what you write. It need not be your real name."),
        error_messages={
            "required": _("Enter a display name. It is shown beside what you write."),
            "max_length": _("Keep your display name to %(limit_value)d characters or fewer."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        **kwargs,
    )


class SignupForm(forms.Form):
    """Extra sign-up fields; allauth calls `signup()` after creating the user."""

    display_name = display_name_field()

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data.get("display_name"))

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        language = getattr(request, "LANGUAGE_CODE", "") or ""
        user.preferred_language = language if language in dict(settings.LANGUAGES) else ""
        user.save(update_fields=["display_name", "preferred_language"])


class ProfileForm(forms.ModelForm):
    """Account settings: the public display name and the language emails are sent in."""

    display_name = display_name_field()
    preferred_language = forms.ChoiceField(
        label=_("Language for emails"),
        required=False,
        help_text=_("Emails from Engage are written in this language."),
        error_messages={
            "invalid_choice": _("Choose one of the languages in the list."),
        },
    )

    class Meta:
        model = User
        fields = ["display_name", "preferred_language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].choices = [
            ("", _("The language of the page I am using")),
            *settings.LANGUAGES,
        ]

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data.get("display_name"))


class AdminUserEditForm(UserEditForm):
    display_name = forms.CharField(label=_("Display name"), max_length=60, required=False)


class AdminUserCreationForm(UserCreationForm):
    display_name = forms.CharField(label=_("Display name"), max_length=60, required=False)
