"""Forms of the assessment editor and the leaders' review page."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from engage.accounts.models import CommunityLeadership
from engage.communities.models import Dimension
from engage.policy.models import PolicyArea

from .models import AssessmentSignOff, Confidence
from .models.assessments import IMPACT_CHOICES
from .services import parse_evidence
from .subjects import resolve_subject

UNKNOWN = ""


def active_leader_ids():
    """Ids of people with an active leadership mandate (a subquery)."""
    return CommunityLeadership.objects.filter(revoked_at__isnull=True).values("user_id")


def leader_choices():
    """Active community leaders (an active mandate), by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=active_leader_ids())
        .order_by("display_name", "pk")
    )


class LeaderField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name or obj.email


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
    leaders = LeaderField(
        label=_("Community leaders who co-sign"),
        queryset=leader_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only for a policy decision without a consultation: a consultation's leaders "
            "are the co-authors of the brief that framed it."
        ),
    )

    def clean(self):
        data = super().clean()
        scope = (data.get("subject_scope") or "").strip()
        if scope and data.get("leaders"):
            self.add_error(
                "leaders",
                _(
                    "Leave the leaders empty for a consultation: its leaders are the "
                    "co-authors of the brief that framed it."
                ),
            )
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
    # Marked by staff on a standalone assessment only (a consultation names its own).
    directly_affected = forms.BooleanField(label=_("Directly affected"), required=False)
    wider_audience = forms.BooleanField(label=_("Wider audience"), required=False)

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
        "directly_affected": row.directly_affected,
        "wider_audience": row.wider_audience,
    }


RowFormSet = forms.formset_factory(RowForm, extra=0, max_num=1000, validate_max=True)


class LeadersForm(forms.Form):
    """The leaders who co-sign a standalone assessment."""

    leaders = LeaderField(
        label=_("Community leaders who co-sign"),
        queryset=leader_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


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
