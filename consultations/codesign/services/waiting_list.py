"""The waiting list: who moves up into a place when one is free, first come first
served. Sessions whose places are drawn by lot are filled by the draw (`panel.py`)."""

from django.db import transaction
from django.utils import timezone

from ..models import Rsvp
from .emails import email_on_commit
from .sessions import free_places, locked_session


def promote_from_waiting_list(session):
    """Fill free places from the waiting list, first come first served; email each
    person promoted. Call inside a transaction that has locked the session. Returns the
    promoted RSVPs. Sessions whose places are drawn by lot are filled by the draw; once
    the panel is drawn, places freed later go to the waiting list in its order."""
    if session.places_by_lot and not session.panel_selections.exists():
        return []
    if session.starts_at <= timezone.now():
        return []
    places = free_places(session)
    queue = Rsvp.objects.filter(session=session).waitlisted().select_for_update()
    if places is not None:
        queue = queue[:places]
    promoted = list(queue)
    for row in promoted:
        row.status = Rsvp.Status.CONFIRMED
        row.queued_at = None
        row.save(update_fields=["status", "queued_at", "updated_at"])
        email_on_commit(row.user_id, "promoted", session)
    return promoted


def fill_free_places(session):
    """Promote people from the waiting list into places freed by a larger capacity."""
    with transaction.atomic():
        return promote_from_waiting_list(locked_session(session))
