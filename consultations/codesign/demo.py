"""Demo data for co-design sessions: invitations and replies on the Riverside Park
session for the demo accounts. Called by `manage.py seed_demo`; idempotent.

- leader@example.org: invited as a co-author (accepted), with a confirmed place, so the
  demo can show the co-authored brief and the session's notes;
- resident@example.org: invited as a participant, not replied yet, so the demo can
  show the RSVP form with access needs and interpretation.
"""

from django.contrib.auth import get_user_model

from consultations.models import CoDesignSession

from .models import Invitation, Rsvp, SessionNote

LEADER = "leader@example.org"
RESIDENT = "resident@example.org"
STAFF = "staff@example.org"


def seed():
    """Add the demo invitations and RSVPs unless they are there. Returns the session,
    or None when the demo session or accounts do not exist."""
    session = (
        CoDesignSession.objects.filter(consultation__slug="riverside-park").order_by("pk").first()
    )
    users = {
        user.email: user
        for user in get_user_model().objects.filter(email__in=[LEADER, RESIDENT, STAFF])
    }
    if session is None or LEADER not in users or RESIDENT not in users:
        return None
    staff = users.get(STAFF)
    Invitation.objects.get_or_create(
        session=session,
        user=users[LEADER],
        defaults={
            "role": Invitation.Role.COAUTHOR,
            "status": Invitation.Status.ACCEPTED,
            "invited_by": staff,
        },
    )
    Rsvp.objects.get_or_create(
        session=session,
        user=users[LEADER],
        defaults={
            "status": Rsvp.Status.CONFIRMED,
            "access_needs": "A seat near the front, please.",
        },
    )
    Invitation.objects.get_or_create(
        session=session,
        user=users[RESIDENT],
        defaults={"role": Invitation.Role.PARTICIPANT, "invited_by": staff},
    )
    if not session.notes.exists():
        SessionNote.objects.create(
            session=session,
            kind=SessionNote.Kind.NOTE,
            text="Before the session: please read the park survey results on the consultation page.",
            author=staff,
        )
    return session
