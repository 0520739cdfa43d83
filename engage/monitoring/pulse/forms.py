"""Forms of pulse surveys: a resident's answers, and (in the admin) a wave and a batch
of one-time links."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from engage.policy.models import PartnerOrganisation

from .indicators import INDICATOR_CHOICES
from .services import MAX_LINKS_PER_BATCH, questions_of, respondent_areas


class AnswerForm(forms.Form):
    """One radio group per question (each optional), and the ward the person lives in
    (optional). At least one question must be answered."""

    def __init__(self, wave, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.wave = wave
        self.keys = []
        for key, _label, text, scale in questions_of(wave):
            self.fields[key] = forms.ChoiceField(
                label=text,
                choices=list(scale.choices),
                widget=forms.RadioSelect,
                required=False,
            )
            self.keys.append(key)
        areas = respondent_areas(wave)
        if areas:
            self.fields["area"] = forms.ChoiceField(
                label=_("Which area do you live in?"),
                help_text=_("This helps us compare areas. It is never shown beside your answers."),
                choices=[("", _("I'd rather not say"))]
                + [(str(area.pk), area.name) for area in areas],
                required=False,
            )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(key) for key in self.keys):
            raise forms.ValidationError(
                _("Please answer at least one question before sending your answers."),
                code="empty",
            )
        return cleaned

    def answers(self):
        return {key: self.cleaned_data.get(key, "") for key in self.keys}

    def area_id(self):
        value = self.cleaned_data.get("area")
        return int(value) if value else None


class WaveForm(WagtailAdminModelForm):
    """A wave in the admin: the indicators and languages as checkboxes (the model keeps
    them as lists of codes)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"] = forms.MultipleChoiceField(
            label=_("Standard indicators"),
            choices=INDICATOR_CHOICES,
            widget=forms.CheckboxSelectMultiple,
            initial=[code for code, _name in INDICATOR_CHOICES],
            help_text=_("The wording and answer scales are fixed so that waves can be compared."),
        )
        self.fields["languages"] = forms.MultipleChoiceField(
            label=_("Languages"),
            choices=settings.LANGUAGES,
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=_("The languages the wave is offered in. None ticked: every language."),
        )

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day must be on or after the first day."))
        return cleaned


class LinkBatchForm(forms.Form):
    """How many one-time links to issue, and to whom."""

    count = forms.IntegerField(
        label=_("Number of links"), min_value=1, max_value=MAX_LINKS_PER_BATCH, initial=50
    )
    issued_to = forms.CharField(
        label=_("Issued to"),
        max_length=200,
        help_text=_("Who will hand the links out: a co-design session, a partner, an event."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=PartnerOrganisation.objects.filter(is_active=True),
        required=False,
    )
