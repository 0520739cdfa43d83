"""The shared pieces resident content, forms and PDFs build on (issue 12, item 4)."""

from django import forms
from django.core.exceptions import ValidationError

from consultations.briefs.forms import BriefCommentForm
from consultations.codesign.forms import NoteForm as SessionNoteForm
from consultations.forms import CommentForm
from consultations.models import Comment, CommentRevision
from engage.forms import ServiceErrorsMixin
from engage.moderation.content import ContentRevision, ResidentContent
from engage.moderation.forms import ReportForm
from engage.pdf import page_styles, report_document
from forums.forms import FactCheckForm, PostingForm
from forums.models import FactCheck, Post, PostRevision, Thread


def test_comments_and_forum_content_share_one_base():
    for model in (Comment, Thread, Post, FactCheck):
        assert issubclass(model, ResidentContent)
    for model in (CommentRevision, PostRevision):
        assert issubclass(model, ContentRevision)
        assert model._meta.ordering == ["created_at"]
    # Comments keep their reverse accessor (`user.comments`); forum content has none.
    assert Comment._meta.get_field("author").remote_field.related_name == "comments"
    assert Post._meta.get_field("author").remote_field.related_name == "+"


def test_every_form_uses_the_shared_service_error_glue():
    for form in (BriefCommentForm, SessionNoteForm, CommentForm, ReportForm, PostingForm):
        assert issubclass(form, ServiceErrorsMixin)
    assert FactCheckForm.add_service_error is not ServiceErrorsMixin.add_service_error


class _Form(ServiceErrorsMixin, forms.Form):
    text = forms.CharField()
    note = forms.CharField()
    text_field = "text"
    field_for_code = {"note_required": "note", "gone": "missing"}


def _errors(error):
    form = _Form(data={"text": "a", "note": "b"})
    form.is_valid()
    form.add_service_error(error)
    return {field: [str(m) for m in messages] for field, messages in form.errors.items()}


def test_service_errors_go_against_their_field_or_above_the_form():
    assert _errors(ValidationError("Too long", code="too_long")) == {"text": ["Too long"]}
    assert _errors(ValidationError("Say why", code="note_required")) == {"note": ["Say why"]}
    # A code mapped to a field the form lacks, or no code: above the form.
    assert _errors(ValidationError("Gone", code="gone")) == {"__all__": ["Gone"]}
    assert _errors(ValidationError("Closed")) == {"__all__": ["Closed"]}
    assert _errors(ValidationError({"note": "Empty", "other": "Wrong"})) == {
        "note": ["Empty"],
        "__all__": ["Wrong"],
    }


def test_pdf_page_set_up_is_shared(settings):
    from reportlab.lib.enums import TA_RIGHT

    styles = page_styles(rtl=True, body=(9.5, 13), heading=(14, 18), heading_space_before=10)
    assert styles.body.alignment == TA_RIGHT
    assert (styles.body.fontSize, styles.heading.fontSize, styles.title.fontSize) == (9.5, 14, 18)
    assert (styles.heading.spaceBefore, styles.title.spaceBefore) == (10, 0)
    doc = report_document(None, "A title", "ar")
    assert (doc.title, doc.lang, round(doc.leftMargin), round(doc.topMargin)) == (
        "A title",
        "ar",
        51,
        45,
    )
