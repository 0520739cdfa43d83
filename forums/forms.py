"""Forms for the forums: the HTTP edge; the rules themselves live in services.py.

Posting forms carry a hidden `token` (a fresh UUID each time the form is shown), so the
same form sent twice makes one post (see forums.services).
"""

import uuid

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from engage.forms import ServiceErrorsMixin as BaseServiceErrorsMixin

from .models import ThreadKind, Verdict

SOURCE_ROWS = 3
SOURCE_ERROR_CODES = frozenset({"bad_source_url", "source_title", "no_sources", "too_many_sources"})


def post_help_text():
    return _(
        "Write in plain text. Leave a blank line between paragraphs. You can use "
        "&lt;em&gt;, &lt;strong&gt; and lists; web addresses become links. Up to "
        "%(length)s characters and %(links)s links."
    ) % {"length": settings.COMMENT_MAX_LENGTH, "links": settings.COMMENT_MAX_LINKS}


class ServiceErrorsMixin(BaseServiceErrorsMixin):
    """Forum forms show the text checks' errors against their `text` field."""

    text_field = "text"


class PostingForm(ServiceErrorsMixin, forms.Form):
    """Text, language, the guidelines box (first post in a forum) and the form token."""

    text = forms.CharField(
        label=_("Your post"),
        widget=forms.Textarea(attrs={"rows": 6}),
        strip=False,
        error_messages={"required": _("Please write your post before sending it.")},
    )
    language = forms.ChoiceField(label=_("Language you are writing in"), choices=())
    accept_guidelines = forms.BooleanField(
        label=_("I have read the posting guidelines and will follow them"), required=False
    )
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    field_for_code = {"guidelines": "accept_guidelines"}

    def __init__(self, *args, needs_guidelines=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = post_help_text()
        self.fields["language"].choices = settings.LANGUAGES
        self.fields["language"].initial = translation.get_language() or settings.LANGUAGE_CODE
        self.fields["token"].initial = uuid.uuid4()
        if not needs_guidelines:
            del self.fields["accept_guidelines"]


class ReplyForm(PostingForm):
    """A reply in a thread; `follow_up_to` names the fact-check a question is about."""

    follow_up_to = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ThreadForm(PostingForm):
    """A new thread: a discussion or a claim, its title, topic and where it was heard."""

    kind = forms.ChoiceField(
        label=_("What are you starting?"),
        choices=ThreadKind.choices,
        widget=forms.RadioSelect,
        initial=ThreadKind.DISCUSSION,
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_(
            "One short sentence. For a claim: what you heard, for example “I heard that…”."
        ),
        error_messages={"required": _("Please give your thread a title: one short sentence.")},
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False, choices=())
    heard_where = forms.CharField(
        label=_("Where did you hear it?"),
        max_length=200,
        required=False,
        help_text=_("For a claim: a conversation, a leaflet, a social media post, the news…"),
    )

    field_order = ["kind", "title", "topic", "heard_where", "text", "language", "accept_guidelines"]
    field_for_code = {
        "guidelines": "accept_guidelines",
        "empty_title": "title",
        "title_too_long": "title",
        "wrong_topic": "topic",
    }

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = _("Tell us more")
        topics = list(topics)
        if topics:
            self.fields["topic"].choices = [("", _("No particular topic"))] + [
                (str(topic.pk), topic.name) for topic in topics
            ]
        else:
            del self.fields["topic"]


class EditForm(ServiceErrorsMixin, forms.Form):
    """Editing changes only the text."""

    text = forms.CharField(
        label=_("Your post"),
        widget=forms.Textarea(attrs={"rows": 6}),
        strip=False,
        error_messages={"required": _("Please write your post before sending it.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = post_help_text()


class FactCheckForm(ServiceErrorsMixin, forms.Form):
    """A verdict, the explanation and up to SOURCE_ROWS sources."""

    verdict = forms.ChoiceField(
        label=_("Verdict"),
        choices=Verdict.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a verdict.")},
    )
    text = forms.CharField(
        label=_("Explanation"),
        widget=forms.Textarea(attrs={"rows": 8}),
        strip=False,
        help_text=_("What the facts are, in plain words, and what the claim gets right or wrong."),
        error_messages={"required": _("Please write the explanation before sending it.")},
    )
    language = forms.ChoiceField(label=_("Language you are writing in"), choices=())

    field_for_code = {"bad_verdict": "verdict"}

    def __init__(self, *args, revising=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES
        self.fields["language"].initial = translation.get_language() or settings.LANGUAGE_CODE
        if revising:
            del self.fields["language"]
        for row in range(1, SOURCE_ROWS + 1):
            self.fields[f"source_title_{row}"] = forms.CharField(
                label=_("Source %(number)s: title") % {"number": row},
                max_length=200,
                required=False,
            )
            self.fields[f"source_url_{row}"] = forms.CharField(
                label=_("Source %(number)s: web address") % {"number": row},
                max_length=500,
                required=False,
                help_text=_("Starting with https:// or http://") if row == 1 else "",
                widget=forms.URLInput,
            )

    def add_service_error(self, error):
        if getattr(error, "code", None) in SOURCE_ERROR_CODES:
            number = (error.params or {}).get("number", 1)
            key = "title" if error.code == "source_title" else "url"
            self.add_error(f"source_{key}_{min(number, SOURCE_ROWS)}", error)
            return
        super().add_service_error(error)

    def sources(self):
        return [
            {
                "title": self.cleaned_data.get(f"source_title_{row}", ""),
                "url": self.cleaned_data.get(f"source_url_{row}", ""),
            }
            for row in range(1, SOURCE_ROWS + 1)
        ]

    @classmethod
    def initial_from(cls, fact_check):
        revision = fact_check.latest_revision
        initial = {"verdict": revision.verdict, "text": revision.body_text}
        for row, source in enumerate(revision.sources[:SOURCE_ROWS], start=1):
            initial[f"source_title_{row}"] = source["title"]
            initial[f"source_url_{row}"] = source["url"]
        return initial


class ThreadSettingsForm(forms.Form):
    """Moderators lock, pin and slow down a thread."""

    is_locked = forms.BooleanField(label=_("Locked: no new posts"), required=False)
    is_pinned = forms.BooleanField(label=_("Pinned to the top of the forum"), required=False)
    slow_mode_minutes = forms.IntegerField(
        label=_("Slow mode: minutes between posts per person (0 for off)"),
        min_value=0,
        required=False,
        initial=0,
    )
