"""Forms for comments: the HTTP edge; the rules themselves live in services.py."""

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from engage.forms import ServiceErrorsMixin


def comment_help_text():
    return _(
        "Write in plain text. Leave a blank line between paragraphs. You can use "
        "&lt;em&gt;, &lt;strong&gt; and lists; web addresses become links. Up to "
        "%(length)s characters and %(links)s links."
    ) % {"length": settings.COMMENT_MAX_LENGTH, "links": settings.COMMENT_MAX_LINKS}


class CommentForm(ServiceErrorsMixin, forms.Form):
    """The text of a comment and the language it is written in."""

    text_field = "text"

    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 6}),
        strip=False,
        error_messages={"required": _("Please write your comment before sending it.")},
    )
    language = forms.ChoiceField(label=_("Language you are writing in"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = comment_help_text()
        self.fields["language"].choices = settings.LANGUAGES
        self.fields["language"].initial = translation.get_language() or settings.LANGUAGE_CODE


class CommentEditForm(CommentForm):
    """Editing changes only the text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["language"]
