"""Account forms: sign-up with a display name, and the Wagtail admin's user forms."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm


class SignupForm(forms.Form):
    """Extra sign-up fields; allauth calls `signup()` after creating the user."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        help_text=_("Shown beside what you write. It need not be your real name."),
    )

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"].strip()
        user.preferred_language = getattr(request, "LANGUAGE_CODE", "") or ""
        user.save(update_fields=["display_name", "preferred_language"])


class AdminUserEditForm(UserEditForm):
    display_name = forms.CharField(label=_("Display name"), max_length=60, required=False)


class AdminUserCreationForm(UserCreationForm):
    display_name = forms.CharField(label=_("Display name"), max_length=60, required=False)
