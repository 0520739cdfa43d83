"""The partner's decision form on the review page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from engage.policy.models import PartnerOrganisation

from .models import Decision


class DecisionForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("For the organisation"),
        queryset=PartnerOrganisation.objects.none(),
        empty_label=None,
    )
    decision = forms.ChoiceField(
        label=_("Your organisation’s decision"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed when you object: say what should change."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        if data.get("decision") == Decision.OBJECT and not (data.get("comment") or "").strip():
            self.add_error(
                "comment",
                _("Say why your organisation objects, so that the wording can be improved."),
            )
        return data


class ImportForm(forms.Form):
    """The admin's import form."""

    file = forms.FileField(
        label=_("Glossary file"),
        help_text=_("A .csv, .ttl (Turtle) or .jsonld (JSON-LD) file exported from a glossary."),
    )
    keep_status = forms.BooleanField(
        label=_("Keep the statuses in the file"),
        required=False,
        help_text=_(
            "Only when restoring this city’s own glossary. Otherwise imported terms are "
            "proposed here and go through the partners’ review."
        ),
    )
