"""Forms of tension assessments: a new assessment (area and period included) and a
revision (area and period fixed)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from engage.communities.models import Area

from .models import Assessment, TensionIndicator
from .rules import granted_area_codes


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RevisionForm(forms.ModelForm):
    """What a revision may change: everything but the area and period."""

    class Meta:
        model = Assessment
        fields = ["level", "trend", "indicators", "context", "confidence", "sources"]
        widgets = {
            "level": forms.RadioSelect,
            "trend": forms.RadioSelect,
            "confidence": forms.RadioSelect,
            "indicators": forms.CheckboxSelectMultiple,
            "context": forms.Textarea(attrs={"rows": 5}),
            "sources": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "context": _("What is happening and why you judge the level so. No names of people."),
            "sources": _("Where the information comes from (patrols, schools, social media…)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = (
            self.instance.indicators.all() if self.instance.pk else TensionIndicator.objects.none()
        )
        self.fields["indicators"].queryset = TensionIndicator.objects.filter(
            is_active=True
        ) | TensionIndicator.objects.filter(pk__in=chosen.values("pk"))
        self.fields["indicators"].required = False
        self.fields["level"].choices = list(self.fields["level"].choices)[1:]  # no blank
        self.fields["trend"].choices = list(self.fields["trend"].choices)[1:]
        self.fields["confidence"].choices = list(self.fields["confidence"].choices)[1:]

    def service_fields(self):
        data = self.cleaned_data
        return {
            "level": data["level"],
            "trend": data["trend"],
            "context": data["context"],
            "confidence": data["confidence"],
            "sources": data["sources"],
            "indicators": list(data["indicators"]),
        }


class AssessmentForm(RevisionForm):
    """A new assessment: the area (one the user's grants cover) and the period too."""

    class Meta(RevisionForm.Meta):
        fields = ["area", "period_start", "period_end", *RevisionForm.Meta.fields]
        widgets = {
            **RevisionForm.Meta.widgets,
            "period_start": DateInput(),
            "period_end": DateInput(),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        codes = granted_area_codes(user) if user is not None else set()
        areas = Area.objects.order_by("code")
        if codes is not None:
            areas = areas.filter(code__in=codes)
        self.fields["area"].queryset = areas

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end on or after the day it starts."))
        return cleaned

    def service_fields(self):
        data = self.cleaned_data
        return {
            **super().service_fields(),
            "area": data["area"],
            "period_start": data["period_start"],
            "period_end": data["period_end"],
        }
