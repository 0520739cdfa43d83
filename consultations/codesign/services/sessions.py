"""The session row itself: its scope, the lock that serialises changes to its places,
the places left, who may manage it, and its switches (invitation only, places by lot)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from engage.communities.scopes import Scope

from .. import rules as codesign_rules
from ..models import CoDesignSession, Rsvp


def session_scope(session):
    """The participation-ledger scope of `session`: `session:<id>`."""
    return Scope.of("session", session.pk)


def locked_session(session):
    """Lock the session row for the rest of the transaction (serialises place changes)."""
    return CoDesignSession.objects.select_for_update().get(pk=session.pk)


def free_places(session):
    """Places left, or None when the session has no limit."""
    if session.capacity is None:
        return None
    return max(session.capacity - Rsvp.objects.filter(session=session).confirmed().count(), 0)


def check_may_manage(staff_user, session):
    """Raise PermissionDenied unless `staff_user` may manage `session`."""
    if not codesign_rules.can_manage_session(staff_user, session):
        raise PermissionDenied(_("Only city staff can manage co-design sessions."))


SWITCHES = ("invitation_only", "places_by_lot")


def set_session_settings(session, staff_user, **changes):
    """Switch invitation-only or places-by-lot on or off for `session`.

    Only the switches named in `changes` are written; unknown names are refused.
    """
    check_may_manage(staff_user, session)
    unknown = set(changes) - set(SWITCHES)
    if unknown:
        raise TypeError(f"Not a session switch: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(session, name, bool(value))
    session.save(update_fields=list(changes))
    return session
