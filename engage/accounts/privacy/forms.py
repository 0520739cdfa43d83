"""Forms of the people's rights pages (thin: the services do the work)."""

from django import forms
from django.utils.translation import gettext_lazy as _

KEEP, DELETE = "keep", "delete"


class DeletionRequestForm(forms.Form):
    """Ask for the account to be deleted: what happens to the content, and the password
    again (for accounts that have one) so a borrowed, signed-in browser cannot do it."""

    content = forms.ChoiceField(
        label=_("What should happen to what you wrote?"),
        choices=[
            (
                KEEP,
                _(
                    "Keep my comments, posts and answers, shown as written by a "
                    "“former participant” (not linked to me)"
                ),
            ),
            (DELETE, _("Withdraw my comments and posts and delete my reactions and answers")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what should happen to what you wrote."),
            "invalid_choice": _("Choose one of the two options for what you wrote."),
        },
    )
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password to confirm it is you.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            del self.fields["password"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("That password is not right. Enter the password you sign in with."),
                code="wrong_password",
            )
        return password

    @property
    def keep_content(self):
        return self.cleaned_data["content"] == KEEP
