"""Forms of agreements and information requests: the admin form of an agreement
(parties, grants and signatories that fit together; terms locked once sent for
signature) and the site forms (sign, withdraw, terminate, ask, decide)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from engage.communities.models import Dimension
from engage.communities.scopes import Scope

from .models import AgreementStatus, InformationSharingAgreement
from .services.requests import APPROVE, DECLINE, NARROW

LOCKED = _(
    "This agreement has been sent for signature, so its terms can no longer change. "
    "Terminate it and draft a new one, or change only the responsible officer and "
    "the review date."
)
NOT_A_PARTY = _("Add this organisation to the partner organisations of the agreement first.")
UNLOCKED_FIELDS = {"owner", "review_date"}


def _live_rows(formset):
    return [
        form
        for form in formset.forms
        if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
    ]


class AgreementAdminForm(WagtailAdminModelForm):
    """The admin form of an agreement (see the module docstring)."""

    def clean(self):
        cleaned = super().clean()
        status = self.instance.status if self.instance.pk else AgreementStatus.DRAFT
        if status != AgreementStatus.DRAFT:
            changed = [name for name in self.changed_data if name not in UNLOCKED_FIELDS]
            if changed or any(formset.has_changed() for formset in self.formsets.values()):
                raise ValidationError(LOCKED)
        return cleaned

    def is_valid(self):
        """Also: every grant and every signatory belongs to a party (checked once the
        inline rows are cleaned, which happens after `clean()`)."""
        valid = super().is_valid()
        if not valid or self.instance.status not in ("", AgreementStatus.DRAFT):
            return valid
        rows = {name: _live_rows(formset) for name, formset in self.formsets.items()}
        parties = {form.cleaned_data.get("organisation") for form in rows["parties"]}
        for form in rows["grants"]:
            if form.cleaned_data.get("organisation") not in parties:
                form.add_error("organisation", NOT_A_PARTY)
                valid = False
        for form in rows["signatories"]:
            organisation = form.cleaned_data.get("organisation")
            if organisation is not None and organisation not in parties:
                form.add_error("organisation", NOT_A_PARTY)
                valid = False
        return valid


class SignForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have read this agreement and I sign it on behalf of the organisation named."),
        error_messages={"required": _("Tick the box to confirm that you sign the agreement.")},
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Say why, so that the other parties understand.")},
    )


class ScopeField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        try:
            return str(Scope.parse(value.strip()))
        except ValidationError as error:
            raise ValidationError(
                _(
                    "Write the scope as city, area:<code>, consultation:<id>, "
                    "session:<id> or forum:<id>."
                )
            ) from error


def dimension_field(required=True):
    return forms.ModelMultipleChoiceField(
        label=_("Dimensions"),
        queryset=Dimension.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=required,
        error_messages={"required": _("Choose at least one dimension.")},
    )


PERIOD_HELP = _(
    "Recorded with your request only: the figures cover all participation in the scope "
    "up to the day of the answer. To cover a period, ask for the consultation or session "
    "that took place in it."
)


class InformationRequestForm(forms.Form):
    """A partner's request; `agreements` are those in force of the person's
    organisations."""

    agreement = forms.ModelChoiceField(
        label=_("Under the agreement"), queryset=InformationSharingAgreement.objects.none()
    )
    scope = ScopeField(
        label=_("Scope"),
        max_length=80,
        help_text=_("city, area:<code>, consultation:<id>, session:<id> or forum:<id>"),
    )
    dimensions = dimension_field()
    period_start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=PERIOD_HELP,
    )
    period_end = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=PERIOD_HELP,
    )
    purpose = forms.CharField(
        label=_("What it is for"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": _("Say what you need the figures for.")},
    )

    def __init__(self, *args, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end of the period must come after its start."))
        return cleaned


class DecisionForm(forms.Form):
    """Staff decide a request: approve, narrow (scope, dimensions) or decline."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (APPROVE, _("Approve and answer as asked")),
            (NARROW, _("Narrow: answer a smaller scope or fewer dimensions")),
            (DECLINE, _("Decline")),
        ],
    )
    note = forms.CharField(
        label=_("Reason given to the partner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Needed to narrow or decline."),
    )
    scope = ScopeField(label=_("Narrowed scope"), max_length=80, required=False)
    dimensions = dimension_field(required=False)
    dimensions.label = _("Narrowed dimensions")


GRANTS_ON_AGREEMENT = _(
    "Grants cannot be added, changed or removed on the partner organisation. Change them "
    "on the information-sharing agreement (while it is a draft), or make a new agreement "
    "if it is already signed."
)


class PartnerOrganisationAdminForm(WagtailAdminModelForm):
    """The partner organisation in the admin. Its grants are shown read-only
    (`engage.policy.panels.PartnerGrantsPanel`); grant data posted anyway (a crafted
    or stale form) is refused rather than ignored, so nothing bypasses the lock of a
    signed agreement."""

    def clean(self):
        cleaned = super().clean()
        if any(key.startswith("grants-") for key in self.data):
            raise ValidationError(GRANTS_ON_AGREEMENT)
        return cleaned
