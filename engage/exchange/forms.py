"""Forms of the exchange admin: export or publish, upload a package, decide on an item."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from .models import TrustedCity
from .registry import kinds

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
FORMATS = [
    ("json", _("Signed JSON package (for another Engage)")),
    ("csv", _("CSV files in a ZIP, with a detached signature (for spreadsheets)")),
]


def kind_choices():
    return [(kind.code, kind.label) for kind in kinds()]


class ExportForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("What to share"), widget=forms.CheckboxSelectMultiple, choices=kind_choices
    )
    export_format = forms.ChoiceField(
        label=_("Format"), widget=forms.RadioSelect, choices=FORMATS, initial="json"
    )
    since = forms.DateField(
        label=_("From (for aggregates)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=_("Until (for aggregates)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until <= since:
            self.add_error("until", _("Choose an end date after the start date."))
        return cleaned


class UploadForm(forms.Form):
    city = forms.ModelChoiceField(
        label=_("From"),
        queryset=TrustedCity.objects.all(),
        help_text=_("The trusted city that sent the package; its key must have signed it."),
    )
    package = forms.FileField(label=_("Package (.json)"))

    def clean_package(self):
        upload = self.cleaned_data["package"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB. Ask the other city to split it by kind.")
                % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload


class DecisionForm(forms.Form):
    ACCEPT, REPLACE, REJECT = "accept", "replace", "reject"
    decision = forms.ChoiceField(
        choices=[
            (ACCEPT, pgettext_lazy("imported item", "Accept")),
            (REPLACE, pgettext_lazy("imported item", "Accept and replace")),
            (REJECT, pgettext_lazy("imported item", "Reject")),
        ]
    )
    note = forms.CharField(
        label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TrustedCityForm(WagtailAdminModelForm):
    """The admin form of a trusted city: addresses are https unless written otherwise."""

    city_id = forms.URLField(
        label=_("city id"),
        max_length=300,
        assume_scheme="https",
        help_text=TrustedCity._meta.get_field("city_id").help_text,
    )
    feed_url = forms.URLField(
        label=_("feed URL"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = TrustedCity
        fields = ["name", "slug", "city_id", "fingerprint", "public_key", "feed_url", "subscribed"]
