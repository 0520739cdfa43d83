"""After the session: attendance, notes and decisions, agreed actions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.communities.models import Action
from engage.communities.services import record_participation

from ..models import AgreedAction, Rsvp, SessionNote
from .sessions import check_may_manage, session_scope


def record_attendance(session, staff_user, attended_user_ids, *, present=True):
    """Record who came (or, with `present=False`, who did not) after the session.

    Only people who replied can be recorded. Each attendee is recorded in the
    participation ledger (`Action.ATTENDED` in `session:<id>`). The ledger only adds
    actions, so marking someone absent later does not remove the ledger flag.
    """
    check_may_manage(staff_user, session)
    if session.starts_at > timezone.now():
        raise ValidationError(
            _("Attendance can be recorded once the session has started."), code="not_started"
        )
    ids = {int(pk) for pk in attended_user_ids}
    with transaction.atomic():
        rows = list(
            Rsvp.objects.select_for_update()
            .filter(session=session, user_id__in=ids)
            .select_related("user")
        )
        unknown = ids - {row.user_id for row in rows}
        if unknown:
            raise ValidationError(
                _("Attendance can only be recorded for people who replied to this session."),
                code="not_replied",
            )
        for row in rows:
            row.attended = present
            row.save(update_fields=["attended", "updated_at"])
            if present:
                record_participation(row.user, Action.ATTENDED, session_scope(session))
    return rows


def add_note(session, staff_user, text, *, kind=SessionNote.Kind.NOTE):
    """A note or decision on the session, written by staff."""
    check_may_manage(staff_user, session)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the note or decision first.")}, code="empty")
    if kind not in SessionNote.Kind.values:
        raise ValidationError({"kind": _("Choose note or decision.")}, code="bad_kind")
    return SessionNote.objects.create(session=session, kind=kind, text=text, author=staff_user)


def add_agreed_action(session, staff_user, *, what, who, due_date=None):
    """An action agreed at the session: what, who, by when."""
    check_may_manage(staff_user, session)
    what, who = (what or "").strip(), (who or "").strip()
    errors = {}
    if not what:
        errors["what"] = _("Say what was agreed.")
    if not who:
        errors["who"] = _("Say who will do it: a person, a team or an organisation.")
    if errors:
        raise ValidationError(errors)
    return AgreedAction.objects.create(session=session, what=what, who=who, due_date=due_date)
