"""The form of one register entry."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from engage.accounts.rules import CITY_STAFF

from ..models import Consequence


class ConsequenceForm(forms.ModelForm):
    """A possible consequence: of an assessment, a policy area or both; the owner is a
    member of city staff."""

    class Meta:
        model = Consequence
        fields = [
            "assessment",
            "policy_area",
            "description",
            "category",
            "likelihood",
            "severity",
            "mitigation",
            "owner",
            "review_date",
            "status",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "mitigation": forms.Textarea(attrs={"rows": 3}),
            "review_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "likelihood": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "severity": forms.NumberInput(attrs={"min": 1, "max": 5}),
        }
        help_texts = {
            "likelihood": _("1 = very unlikely, 5 = almost certain."),
            "severity": _("1 = minor, 5 = very serious."),
            "review_date": _("The owner is emailed when this date comes."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name=CITY_STAFF)
            .order_by("email")
            .distinct()
        )

    def clean(self):
        data = super().clean()
        if not data.get("assessment") and not data.get("policy_area"):
            raise forms.ValidationError(
                _("Choose the impact assessment or the policy area this consequence belongs to.")
            )
        return data
