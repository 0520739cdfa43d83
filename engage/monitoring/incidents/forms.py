"""Forms of hate incident reporting: the public report form and staff triage."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from engage.communities.models import Area

from .models import Characteristic, PoliceAnswer, Status
from .services import referral_partners

MAX_DESCRIPTION = 5000
MAX_CONTACT = 300
EARLIEST_YEARS = 5


def ward_choices():
    """The wards people choose from: areas that are part of a top-level area (the city)."""
    return Area.objects.filter(parent__isnull=False, parent__parent__isnull=True).order_by("name")


class IncidentReportForm(forms.Form):
    """The public form: works without JavaScript and without an account. Asks for a
    ward, never an address."""

    description = forms.CharField(
        label=_("What happened?"),
        help_text=_(
            "Tell us in your own words. Please do not write anyone's full address. Only "
            "city staff, and a partner organisation if you agree below, will read this."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_DESCRIPTION,
    )
    occurred_on = forms.DateField(
        label=_("When did it happen?"),
        help_text=_("The date, or your best guess. For example 2026-03-14."),
        # ISO in the value whatever the language: a date input reads only YYYY-MM-DD.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    area = forms.ModelChoiceField(
        label=_("Which ward did it happen in?"),
        help_text=_("Choose the ward. We never ask for or publish an exact address."),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("I don't know, or it happened online"),
    )
    characteristic = forms.ChoiceField(
        label=_("What do you think it targeted?"),
        choices=Characteristic.choices,
        widget=forms.RadioSelect,
    )
    reported_to_police = forms.ChoiceField(
        label=_("Has it been reported to the police?"),
        choices=PoliceAnswer.choices,
        widget=forms.RadioSelect,
    )
    wants_contact = forms.BooleanField(
        label=_("I would like someone to contact me about this"), required=False
    )
    contact = forms.CharField(
        label=_("How can we contact you?"),
        help_text=_("An email address or phone number, and a good time to call. Stored encrypted."),
        max_length=MAX_CONTACT,
        required=False,
    )
    consent_to_share = forms.BooleanField(label="", required=False)
    anonymous = forms.BooleanField(
        label=_("Do not link this report to my account"),
        help_text=_(
            "You will get a reference and a private link instead. You will not see the "
            "report in your account."
        ),
        required=False,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = ward_choices()
        partners = list(referral_partners())
        consent = self.fields["consent_to_share"]
        consent.label = _("You may share my report with partner organisations that support victims")
        if partners:
            consent.help_text = format_html_join(
                ", ", "{}", ((partner.name,) for partner in partners)
            )
            consent.help_text = _("They are: %(names)s.") % {"names": consent.help_text}
        if not (user and user.is_authenticated):
            del self.fields["anonymous"]

    def clean_occurred_on(self):
        day = self.cleaned_data["occurred_on"]
        today = timezone.localdate()
        if day > today:
            raise forms.ValidationError(_("The date is in the future. Enter the day it happened."))
        if day < today - datetime.timedelta(days=365 * EARLIEST_YEARS):
            raise forms.ValidationError(
                _("We take reports of incidents in the last %(years)s years.")
                % {"years": EARLIEST_YEARS}
            )
        return day

    def clean(self):
        data = super().clean()
        if data.get("wants_contact") and not data.get("contact", "").strip():
            self.add_error(
                "contact",
                _("Tell us how to contact you, or untick “I would like someone to contact me”."),
            )
        return data


class TriageForm(forms.Form):
    """Staff triage: a status, or a referral to a partner, with a note."""

    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    refer_to = forms.ModelChoiceField(
        label=_("Refer to partner organisation"),
        queryset=referral_partners(),
        required=False,
        empty_label=_("Do not refer"),
    )
    note = forms.CharField(
        label=_("Note for the audit trail"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
