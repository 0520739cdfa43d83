"""Comments on a brief and suggested changes to it (accepted or rejected by co-authors)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.communities.models import Action
from engage.communities.services import record_participation

from .. import ydoc
from ..document_store import credit_contribution, load_document
from ..models import BriefComment, BriefSuggestion
from .access import check_rule, session_scope
from .editing import apply_server_change
from .live import publish_event_after_commit

QUOTE_MAX_LENGTH = 1000


def clean_text(value, field, max_length, required=True):
    """`value` stripped; a ValidationError on `field` when it is empty (if required) or
    longer than `max_length`."""
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("Please write something here.")}, code="required")
    if len(value) > max_length:
        raise ValidationError(
            {
                field: _("Please shorten this to %(max)s characters (it has %(count)s).")
                % {"max": max_length, "count": len(value)}
            },
            code="max_length",
        )
    return value


def post_comment(brief, user, body, quote=""):
    """A comment on the brief, optionally on a quoted passage."""
    check_rule("briefs.comment", user, brief)
    body = clean_text(body, "body", settings.COMMENT_MAX_LENGTH)
    quote = clean_text(quote, "quote", QUOTE_MAX_LENGTH, required=False)
    now = timezone.now()
    with transaction.atomic():
        comment = BriefComment.objects.create(
            brief=brief, author=user, body=body, quote=quote, created_at=now
        )
        credit_contribution(brief.pk, user, now, comments=1)
        record_participation(user, Action.COMMENTED, session_scope(brief))
        publish_event_after_commit(
            brief,
            "comment.created",
            {
                "id": comment.pk,
                "author": str(user.public_name),
                "quote": quote,
                "body": body,
                "created_at": now.isoformat(),
            },
        )
    return comment


def suggest(brief, user, quote, replacement, note=""):
    """Propose `replacement` for the passage `quote`."""
    check_rule("briefs.suggest", user, brief)
    quote = clean_text(quote, "quote", QUOTE_MAX_LENGTH)
    replacement = clean_text(replacement, "replacement", QUOTE_MAX_LENGTH * 4, required=False)
    note = clean_text(note, "note", settings.COMMENT_MAX_LENGTH, required=False)
    if quote == replacement:
        raise ValidationError(
            {"replacement": _("The replacement is the same as the passage. Change it first.")},
            code="unchanged",
        )
    doc, _last = load_document(brief.pk)
    if quote not in "\n".join(ydoc.blocks(doc)) or "\n" in quote:
        raise ValidationError(
            {
                "quote": _(
                    "This passage is not in the brief. Copy it exactly, from within one paragraph."
                )
            },
            code="not_found",
        )
    now = timezone.now()
    with transaction.atomic():
        suggestion = BriefSuggestion.objects.create(
            brief=brief, author=user, quote=quote, replacement=replacement, note=note
        )
        credit_contribution(brief.pk, user, now, suggestions_made=1)
        record_participation(user, Action.CONTRIBUTED, session_scope(brief))
        publish_event_after_commit(brief, "suggestion.created", {"id": suggestion.pk})
    return suggestion


def _check_open(suggestion):
    if suggestion.status != BriefSuggestion.Status.OPEN:
        raise ValidationError(
            _("This suggestion was already %(status)s.")
            % {"status": suggestion.get_status_display()},
            code="decided",
        )


def _decide(suggestion, user, status):
    _check_open(suggestion)
    suggestion.status = status
    suggestion.decided_by = user
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_by", "decided_at"])
    publish_event_after_commit(
        suggestion.brief, "suggestion.decided", {"id": suggestion.pk, "status": status}
    )


def accept_suggestion(suggestion, user):
    """Apply the suggestion to the document (server-side) and record it as accepted."""
    brief = suggestion.brief
    check_rule("briefs.edit", user, brief)
    with transaction.atomic():
        locked = BriefSuggestion.objects.select_for_update().get(pk=suggestion.pk)
        locked.brief = brief
        _check_open(locked)
        applied = apply_server_change(
            brief,
            user,
            lambda doc: ydoc.replace_passage(doc, locked.quote, locked.replacement),
        )
        if not applied:
            raise ValidationError(
                _(
                    "The passage this suggestion replaces has changed since, so it cannot be "
                    "applied. Reject it, or make the change in the editor."
                ),
                code="passage_changed",
            )
        _decide(locked, user, BriefSuggestion.Status.ACCEPTED)
        credit_contribution(
            brief.pk,
            locked.author,
            timezone.now(),
            suggestions_accepted=1,
            chars_added=len(locked.replacement),
            chars_removed=len(locked.quote),
        )
    return locked


def reject_suggestion(suggestion, user):
    check_rule("briefs.edit", user, suggestion.brief)
    with transaction.atomic():
        locked = BriefSuggestion.objects.select_for_update().get(pk=suggestion.pk)
        locked.brief = suggestion.brief
        _decide(locked, user, BriefSuggestion.Status.REJECTED)
    return locked
