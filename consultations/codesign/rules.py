"""Who may do what with a co-design session. Nothing else decides it.

Every rule takes `(user, session)` where `session` is a `CoDesignSession`.

- `codesign.view_session`: the session page. Public sessions (unlinked, or linked to a
  published consultation) for everyone, as `consultations.view_session` says; staff and
  moderators see all; people invited to, or with a place at, a session linked to an
  unpublished consultation see it too.
- `codesign.rsvp`: ask for a place (or join the waiting list). A resident (verified
  email) who may view the session, before it starts; for an invitation-only session,
  only people with an invitation they have not declined.
- `codesign.view_notes`: notes, decisions and agreed actions. Participants (a confirmed
  place, or recorded as attended) and city staff.
- `codesign.manage_session`: invite, record attendance, write notes, draw a panel by
  lot, read access needs. City staff with two-factor authentication set up.
- `codesign.edit_brief`: co-author the session's brief (used by `consultations.briefs`).
  Co-authors, see `is_session_coauthor`; briefs are edited after sessions too, so the
  session's time does not matter.

Predicates read at most two small rows (the person's RSVP and invitation for that
session) and do not cache: answers change within a request (an RSVP, then a redirect).
"""

import rules
from django.utils import timezone

from consultations.rules import is_public_session
from engage.accounts.rules import has_mfa, is_city_staff, is_leader, is_moderator, is_verified


def _signed_in(user):
    return bool(user and user.is_authenticated and user.is_active)


def _rsvp(user, session):
    from .models import Rsvp

    if not _signed_in(user) or session is None:
        return None
    return Rsvp.objects.filter(session=session, user=user).only("status", "attended").first()


def _invitation(user, session):
    from .models import Invitation

    if not _signed_in(user) or session is None:
        return None
    return Invitation.objects.filter(session=session, user=user).only("status", "role").first()


@rules.predicate
def is_session_participant(user, session):
    """Has a confirmed place at `session`, or staff recorded them as attending."""
    from .models import Rsvp

    rsvp = _rsvp(user, session)
    return rsvp is not None and (rsvp.status == Rsvp.Status.CONFIRMED or rsvp.attended is True)


@rules.predicate
def is_invited(user, session):
    """Holds an invitation to `session` that they have not declined."""
    from .models import Invitation

    invitation = _invitation(user, session)
    return invitation is not None and invitation.status != Invitation.Status.DECLINED


@rules.predicate
def is_session_coauthor(user, session):
    """May co-author the session's brief.

    Decided as follows (issue 5, key action 1: leaders frame the policy with the city):
    - city staff, always;
    - someone with an accepted "coauthor" invitation who still means to come or came
      (an RSVP that is confirmed or waitlisted, or attendance recorded);
    - a community leader with an active mandate who is a participant of the session
      (a confirmed place, or attended). A leader whose mandate is revoked loses it.
    Residents who are participants but neither invited as co-authors nor leaders read
    the notes but do not edit the brief.
    """
    from .models import Invitation, Rsvp

    if is_city_staff(user):
        return True
    rsvp = _rsvp(user, session)
    if rsvp is None:
        return False
    attended = rsvp.attended is True
    invitation = _invitation(user, session)
    if (
        invitation is not None
        and invitation.role == Invitation.Role.COAUTHOR
        and invitation.status == Invitation.Status.ACCEPTED
        and (attended or rsvp.status in (Rsvp.Status.CONFIRMED, Rsvp.Status.WAITLISTED))
    ):
        return True
    return (attended or rsvp.status == Rsvp.Status.CONFIRMED) and is_leader(user)


@rules.predicate
def has_started(user, session):
    return session is not None and session.starts_at <= timezone.now()


@rules.predicate
def is_invitation_only(user, session):
    return session is not None and session.invitation_only


can_view_session = (
    is_public_session | is_city_staff | is_moderator | is_invited | is_session_participant
)
can_rsvp = is_verified & can_view_session & ~has_started & (~is_invitation_only | is_invited)
can_view_notes = is_city_staff | is_session_participant
# Managing shows access needs (possibly health information), so it needs TOTP as the
# staff workspace does.
can_manage_session = is_city_staff & has_mfa
can_edit_brief = is_session_coauthor

RULES = {
    "codesign.view_session": can_view_session,
    "codesign.rsvp": can_rsvp,
    "codesign.view_notes": can_view_notes,
    "codesign.manage_session": can_manage_session,
    "codesign.edit_brief": can_edit_brief,
}

for _name, _predicate in RULES.items():
    rules.add_rule(_name, _predicate)
    rules.add_perm(_name, _predicate)


class RsvpBlocker:
    """Why someone cannot ask for a place; the template and API explain each one."""

    LOG_IN = "log_in"
    VERIFY_EMAIL = "verify_email"
    STARTED = "started"
    INVITATION_ONLY = "invitation_only"
    NOT_VISIBLE = "not_visible"


def rsvp_blocker(user, session):
    """None when `codesign.rsvp` lets `user` ask for a place; otherwise an `RsvpBlocker`.

    The session's own state comes first: telling someone to log in to a past session
    would send them on a pointless errand.
    """
    if rules.test_rule("codesign.rsvp", user, session):
        return None
    if not can_view_session(user, session):
        return RsvpBlocker.NOT_VISIBLE
    if has_started(user, session):
        return RsvpBlocker.STARTED
    if not _signed_in(user):
        return RsvpBlocker.LOG_IN
    if not is_verified(user):
        return RsvpBlocker.VERIFY_EMAIL
    return RsvpBlocker.INVITATION_ONLY
