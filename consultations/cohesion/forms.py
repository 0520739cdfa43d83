"""The admin form of a cohesion section (the viewset in wagtail_hooks.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from engage.impact.models import ImpactAssessment


class CohesionSectionForm(WagtailAdminModelForm):
    """Groups as checkboxes; alerts limited to those of the subject's area and period;
    exactly one subject (a consultation, or a decision record without one)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "groups" in self.fields:
            self.fields["groups"].widget = forms.CheckboxSelectMultiple(
                choices=self.fields["groups"].choices
            )
        if "assessment" in self.fields:
            self.fields["assessment"].queryset = ImpactAssessment.objects.filter(subject_scope="")
        from .alerts import alerts_to_consider

        instance = self.instance
        if "alerts" in self.fields and (instance.consultation_id or instance.assessment_id):
            self.fields["alerts"].queryset = alerts_to_consider(instance)
            self.fields["alerts"].widget = forms.CheckboxSelectMultiple(
                choices=self.fields["alerts"].choices
            )

    def clean(self):
        cleaned = super().clean()
        consultation = cleaned.get("consultation")
        assessment = cleaned.get("assessment")
        if bool(consultation) == bool(assessment):
            raise forms.ValidationError(
                _(
                    "Choose either a consultation or a policy decision record (an impact "
                    "assessment without a consultation), not both and not neither."
                )
            )
        if not self.instance.pk and not cleaned.get("groups") and consultation is not None:
            # Pre-filled as the service does: who it affects and its wider audience.
            cleaned["groups"] = [
                *consultation.affected_groups.all(),
                *consultation.wider_audience.all(),
            ]
        return cleaned
