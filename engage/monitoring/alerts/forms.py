"""The forms of the alert workflow (staff): acknowledge, assign, note, close."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from engage.accounts.rules import CITY_STAFF


def city_staff():
    """Active members of city staff (and superusers), by name: who alerts go to."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name=CITY_STAFF) | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("display_name", "email")
    )


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name or obj.email


class AcknowledgeForm(forms.Form):
    prefix = "acknowledge"


class AssignForm(forms.Form):
    prefix = "assign"
    assignee = StaffChoiceField(queryset=None, label=_("Assign to"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = city_staff()


class NoteForm(forms.Form):
    prefix = "note"
    text = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("What you found or did; it goes into the response log."),
    )


class CloseForm(forms.Form):
    prefix = "close"
    action_taken = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=8000,
        help_text=_(
            "The response the city made (a meeting with community leaders, a message, a "
            "change of policy, or why nothing was needed). Required to close the alert."
        ),
        error_messages={
            "required": _("Say what was done before closing the alert."),
        },
    )


ACTIONS = {
    "acknowledge": AcknowledgeForm,
    "assign": AssignForm,
    "note": NoteForm,
    "close": CloseForm,
}
