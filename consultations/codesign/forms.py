"""Forms for co-design sessions: the HTTP edge; the rules live in services.py."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from engage.forms import ServiceErrorsMixin

from .models import ACCESS_NEEDS_MAX_LENGTH, Invitation, SessionNote
from .validators import split_codes


def _language_name(code):
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


class RsvpForm(ServiceErrorsMixin, forms.Form):
    """Ask for a place: access needs and an interpreter, both optional."""

    access_needs = forms.CharField(
        label=_("Access needs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    interpretation_language = forms.ChoiceField(
        label=_("I would like an interpreter for"), required=False, choices=()
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form, so it is in the language of the request, not of start-up.
        self.fields["access_needs"].help_text = _(
            "Anything that would help you take part: step-free access, a hearing loop, "
            "large print, breaks, childcare… Up to %(max)s characters. Only staff see this."
        ) % {"max": ACCESS_NEEDS_MAX_LENGTH}
        offered = split_codes(session.interpretation)
        choices = [("", _("No interpreter needed"))]
        choices += [(code, _language_name(code)) for code in offered]
        field = self.fields["interpretation_language"]
        field.choices = choices
        field.error_messages["invalid_choice"] = _(
            "Please choose one of the interpretation languages offered for this session."
        )
        if not offered:
            field.widget = forms.HiddenInput()


class InvitationForm(ServiceErrorsMixin, forms.Form):
    """Staff invite an account (by its email address) or an address with no account."""

    account_email = forms.EmailField(
        label=_("Account"),
        required=False,
        help_text=_("The email address of someone who already has an account."),
    )
    email = forms.EmailField(
        label=_("Email address of someone without an account"),
        required=False,
        help_text=_("They get a link; the invitation waits for them when they sign up."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Invitation.Role.choices)

    def clean(self):
        data = super().clean()
        account_email, email = data.get("account_email"), data.get("email")
        if bool(account_email) == bool(email) and not self.errors:
            raise ValidationError(
                _("Fill in either the account or the email address, not both or neither.")
            )
        if account_email:
            user = get_user_model().objects.filter(email__iexact=account_email).first()
            if user is None:
                self.add_error(
                    "account_email",
                    _(
                        "No account uses this address. Invite it as an email address "
                        "instead, in the second box."
                    ),
                )
            data["user"] = user
        return data


class AttendanceForm(forms.Form):
    """Staff tick who came; everyone else who replied is recorded as absent."""

    attended = forms.MultipleChoiceField(
        label=_("Who attended"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args, rsvps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (str(row.user_id), str(row.user.public_name)) for row in rsvps
        ]
        self.fields["attended"].initial = [str(row.user_id) for row in rsvps if row.attended]


class NoteForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionNote.Kind.choices)
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the note or decision first.")},
    )


class AgreedActionForm(ServiceErrorsMixin, forms.Form):
    what = forms.CharField(
        label=_("What was agreed"),
        max_length=500,
        error_messages={"required": _("Say what was agreed.")},
    )
    who = forms.CharField(
        label=_("Who will do it"),
        max_length=200,
        error_messages={"required": _("Say who will do it: a person, a team or an organisation.")},
    )
    due_date = forms.DateField(
        label=_("By when"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the date as YYYY-MM-DD, for example 2030-07-01.")},
    )


class PanelForm(ServiceErrorsMixin, forms.Form):
    """Staff choose the dimension the panel should mirror, and optionally a seed."""

    dimension = forms.ModelChoiceField(
        label=_("Mirror the city by"), queryset=None, empty_label=None
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        required=False,
        min_value=1,
        help_text=_("Leave empty for a new draw; give an earlier seed to repeat a draw."),
    )

    def __init__(self, *args, **kwargs):
        from engage.communities.models import Dimension

        super().__init__(*args, **kwargs)
        self.fields["dimension"].queryset = Dimension.objects.all()


class SessionSettingsForm(forms.Form):
    invitation_only = forms.BooleanField(label=_("By invitation only"), required=False)
    places_by_lot = forms.BooleanField(
        label=_("Places drawn by lot (everyone volunteers, staff draw a panel)"), required=False
    )
