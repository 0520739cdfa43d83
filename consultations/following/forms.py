"""The notification settings form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NotificationMode


class NotificationSettingsForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("How do you want to hear about updates?"),
        choices=NotificationMode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to hear about updates.")},
        help_text=_(
            "Updates are replies to your comments, consultations you follow closing soon, "
            "and their outcomes."
        ),
    )
    follow_when_commenting = forms.BooleanField(
        label=_("Follow the consultations I comment on"),
        required=False,
        help_text=_("You can stop following any of them below."),
    )
