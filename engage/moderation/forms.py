"""Forms for reports, appeals and moderators' decisions: the HTTP edge. The rules
themselves live in services.py and rules.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from engage.forms import ServiceErrorsMixin

from .models import MODERATOR_ACTIONS, ActionKind, ReportReason
from .services import APPEAL_MAX_LENGTH, MAX_SUSPEND_DAYS, NOTE_MAX_LENGTH


class ReportForm(ServiceErrorsMixin, forms.Form):
    """Why a resident reports a piece of content."""

    reason = forms.ChoiceField(
        label=_("What is wrong with it?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose why you are reporting this.")},
    )
    note = forms.CharField(
        label=_("Anything moderators should know"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=NOTE_MAX_LENGTH,
    )
    field_for_code = {"note_required": "note", "note_too_long": "note", "bad_reason": "reason"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built here, not at import, so it is in the language of the request.
        self.fields["note"].help_text = _(
            "Needed when you choose “Something else”. Up to %(limit)s characters."
        ) % {"limit": NOTE_MAX_LENGTH}


class AppealForm(ServiceErrorsMixin, forms.Form):
    text = forms.CharField(
        label=_("Why should the decision change?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=APPEAL_MAX_LENGTH,
        error_messages={"required": _("Please explain why you think the decision should change.")},
    )
    field_for_code = {"text_required": "text", "text_too_long": "text"}


class ActionForm(ServiceErrorsMixin, forms.Form):
    """A moderator's decision on one item (or, in bulk, on the ticked items)."""

    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[(value, ActionKind(value).label) for value in MODERATOR_ACTIONS],
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a decision.")},
    )
    public_reason = forms.CharField(
        label=_("Reason given to the author"),
        help_text=_("The author reads this in the email telling them what happened."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    reason = forms.CharField(
        label=_("Note for moderators"),
        help_text=_("Kept in the audit trail; never shown to the author."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    redacted_text = forms.CharField(
        label=_("Text with the personal data taken out"),
        help_text=_("Only for “Redact personal data”: the whole text as it should read."),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        strip=False,
    )
    suspend_days = forms.IntegerField(
        label=_("Suspend for how many days"),
        min_value=1,
        max_value=MAX_SUSPEND_DAYS,
        required=False,
    )
    field_for_code = {
        "public_reason_required": "public_reason",
        "redacted_required": "redacted_text",
        "redacted_unchanged": "redacted_text",
        "empty": "redacted_text",
        "too_long": "redacted_text",
        "too_many_links": "redacted_text",
        "invalid_characters": "redacted_text",
        "suspend_days": "suspend_days",
        "bad_action": "action",
    }

    def service_kwargs(self):
        data = self.cleaned_data
        return {
            "reason": data.get("reason", ""),
            "public_reason": data.get("public_reason", ""),
            "redacted_text": data.get("redacted_text") or None,
            "suspend_days": data.get("suspend_days"),
        }


class BulkActionForm(ActionForm):
    """Bulk decisions: no redaction (it is per item)."""

    items = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["redacted_text"]
        self.fields["action"].choices = [
            choice for choice in self.fields["action"].choices if choice[0] != ActionKind.REDACT
        ]
        self.fields["action"].widget = forms.Select()
        self.fields["action"].choices = [
            ("", _("Choose a decision")),
            *self.fields["action"].choices,
        ]


class AppealDecisionForm(ServiceErrorsMixin, forms.Form):
    uphold = forms.TypedChoiceField(
        label=_("Decision on the appeal"),
        choices=[
            ("1", _("The decision stands (appeal rejected)")),
            ("0", _("Reverse the decision (appeal accepted)")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Explanation for the person who appealed"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    field_for_code = {"note_required": "note"}


class NoteForm(ServiceErrorsMixin, forms.Form):
    text = forms.CharField(
        label=_("New note"),
        help_text=_("Visible to moderators only."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=APPEAL_MAX_LENGTH,
    )
    field_for_code = {"text_required": "text", "text_too_long": "text"}
