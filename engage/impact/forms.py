"""Forms of the assessment editor and the leaders' review page."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from engage.communities.models import Dimension
from engage.policy.models import PolicyArea

from .models import AssessmentSignOff, Confidence
from .models.assessments import IMPACT_CHOICES
from .services import parse_evidence
from .subjects import resolve_subject

UNKNOWN = ""


class NewAssessmentForm(forms.Form):
    subject_scope = forms.CharField(
        label=_("Consultation"),
        required=False,
        max_length=80,
        help_text=_(
            "consultation:&lt;id&gt;, for example consultation:12. Leave empty to assess "
            "a policy decision without a consultation."
        ),
    )
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=200,
        help_text=_("Defaults to the consultation's title."),
    )
    policy_area = forms.ModelChoiceField(
        label=_("Policy area"), queryset=PolicyArea.objects.all(), required=False
    )
    dimensions = forms.ModelMultipleChoiceField(
        label=_("Dimensions to assess"),
        queryset=Dimension.objects.order_by("sort_order", "pk"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every community group of each dimension gets a row."),
    )

    def clean(self):
        data = super().clean()
        scope = (data.get("subject_scope") or "").strip()
        if scope and resolve_subject(scope) is None:
            self.add_error(
                "subject_scope", _("No consultation was found for “%(scope)s”.") % {"scope": scope}
            )
        if not scope and not (data.get("title") or "").strip():
            self.add_error("title", _("A standalone assessment needs a title."))
        return data


class RowForm(forms.Form):
    row = forms.IntegerField(widget=forms.HiddenInput)
    impact = forms.TypedChoiceField(
        label=_("Expected impact"),
        choices=[(UNKNOWN, _("unknown"))] + [(str(v), label) for v, label in IMPACT_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    rationale = forms.CharField(
        label=_("Rationale"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One link a line: title | https://…"),
    )
    confidence = forms.ChoiceField(label=_("Confidence"), choices=Confidence.choices)

    def clean_evidence(self):
        try:
            return parse_evidence(self.cleaned_data["evidence"])
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None


def row_initial(row):
    return {
        "row": row.pk,
        "impact": UNKNOWN if row.impact is None else str(row.impact),
        "rationale": row.rationale,
        "evidence": "\n".join(
            f"{link.get('title', '')} | {link.get('url', '')}" for link in row.evidence
        ),
        "confidence": row.confidence,
    }


RowFormSet = forms.formset_factory(RowForm, extra=0, max_num=1000, validate_max=True)


class VersionForm(forms.Form):
    note = forms.CharField(label=_("What changed"), required=False, max_length=300)


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
    category = forms.TypedChoiceField(
        label=_("About the group"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("the whole assessment"))] + [
            (str(pk), name) for pk, name in groups
        ]


class SignOffForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=AssessmentSignOff.Decision.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
