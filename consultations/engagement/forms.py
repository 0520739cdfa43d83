"""The survey form: one field per question, built from the survey. The rules about
answers live in services.clean_answers; this form only renders and collects them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SCALE_MAX, SCALE_MIN, QuestionKind
from .services import SURVEY_TEXT_MAX_LENGTH, survey_questions

SCALE_LABELS = {
    1: _("1 – strongly disagree"),
    2: _("2 – disagree"),
    3: _("3 – neither agree nor disagree"),
    4: _("4 – agree"),
    5: _("5 – strongly agree"),
}

INVALID_OPTION = _(
    "One of the options chosen does not belong to this question. Please choose again."
)
REQUIRED = _("Please answer this question.")


def field_name(question):
    return f"q{question.pk}"


class SurveyForm(forms.Form):
    """Fields `q<question id>` in question order. `answers()` returns what
    `services.submit_survey` takes. With `read_only=True` every field is disabled."""

    def __init__(self, survey, *args, read_only=False, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = survey_questions(survey)
        previous = previous or {}
        for question in self.questions:
            field = self._field_for(question)
            field.disabled = read_only
            if question.pk in previous:
                value = previous[question.pk]
                field.initial = [str(v) for v in value] if isinstance(value, list) else str(value)
            self.fields[field_name(question)] = field

    def _field_for(self, question):
        common = {
            "label": question.text,
            "required": question.required,
            "error_messages": {"required": REQUIRED, "invalid_choice": INVALID_OPTION},
        }
        if question.kind == QuestionKind.TEXT:
            return forms.CharField(
                max_length=SURVEY_TEXT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Up to %(max)s characters.") % {"max": SURVEY_TEXT_MAX_LENGTH},
                **common,
            )
        if question.kind == QuestionKind.SCALE:
            return forms.ChoiceField(
                choices=[(str(n), SCALE_LABELS[n]) for n in range(SCALE_MIN, SCALE_MAX + 1)],
                widget=forms.RadioSelect,
                **common,
            )
        choices = [(str(option.pk), option.text) for option in question.options.all()]
        if question.kind == QuestionKind.MULTIPLE:
            return forms.MultipleChoiceField(
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                help_text=_("Choose all that apply."),
                **common,
            )
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)

    def answers(self):
        """`{question_id: value}` from the cleaned data, for `submit_survey`."""
        return {
            question.pk: self.cleaned_data.get(field_name(question)) for question in self.questions
        }

    def add_service_errors(self, errors):
        """Put `SurveyErrors.errors` (`{question_id or None: message}`) on the fields."""
        names = {question.pk: field_name(question) for question in self.questions}
        for pk, message in errors.items():
            self.add_error(names.get(pk), message)
