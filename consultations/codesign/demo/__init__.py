"""Demo co-design sessions (consultations/codesign/demo/sessions.yaml), loaded by
`manage.py seed_demo`: the sessions on the demo consultations, invitations and replies
for the demo accounts, and notes. Idempotent.

In the data: leader@example.org is a co-author (accepted) with a confirmed place, so the
demo shows the co-authored brief and the session's notes; resident@example.org is
invited as a participant and has not replied, so the demo shows the RSVP form.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model

from consultations.codesign.models import CoDesignSession
from consultations.models import ConsultationPage
from engage.demo.data import DemoContext, days_from_today_at, read

from ..models import Invitation, Rsvp, SessionNote

DATA_DIR = Path(__file__).resolve().parent
DATA_FILE = "sessions.yaml"
TRANSLATED = ("title", "purpose", "place", "accessibility")


def load_demo(data_dir, context):
    for node in read(data_dir, DATA_FILE)["sessions"].list():
        session = seed_session(node, context)
        if session is not None:
            seed_invitations(session, node)


def seed(note=None):
    """Load the demo sessions from this app's own data file."""
    context = DemoContext()
    if note is not None:
        context.note = note
    load_demo(DATA_DIR, context)


def seed_session(node, context):
    """The session (identified by its consultation and English title), created if missing."""
    consultation = ConsultationPage.objects.filter(slug=node["consultation"].str()).first()
    content = {}
    for name in TRANSLATED:
        if name == "title" or node.has(name):
            content.update(node[name].translated(name))
    starts_at = days_from_today_at(node["in_days"], node["starts_at"])
    fields = {
        "ends_at": starts_at + datetime.timedelta(hours=node["hours"].number()),
        "online_url": node.get("online_url", "").value,
        "capacity": node["capacity"].int(),
        "languages": node["languages"].str(),
    }
    if consultation is None:
        return None
    existing = (
        CoDesignSession.objects.filter(consultation=consultation, title_en=content["title_en"])
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing
    session = CoDesignSession.objects.create(
        consultation=consultation,
        starts_at=starts_at,
        time_zone=settings.TIME_ZONE,
        **fields,
        **content,
    )
    context.note(True, "co-design session", session)
    return session


def seed_invitations(session, node):
    """Invitations (with an optional RSVP) and notes, for the accounts that exist; notes
    are added only when the session has none."""
    invitations = node.get("invitations", []).list()
    notes = node.get("notes", []).list()
    emails = [item["email"].str() for item in invitations]
    emails += [item["invited_by"].str() for item in invitations if item.has("invited_by")]
    emails += [item["author"].str() for item in notes if item.has("author")]
    users = {user.email: user for user in get_user_model().objects.filter(email__in=emails)}
    for item in invitations:
        user = users.get(item["email"].str())
        if user is None:
            continue
        invited_by = users.get(item["invited_by"].str()) if item.has("invited_by") else None
        defaults = {"role": item["role"].choice(Invitation.Role), "invited_by": invited_by}
        if item.has("status"):
            defaults["status"] = item["status"].choice(Invitation.Status)
        Invitation.objects.get_or_create(session=session, user=user, defaults=defaults)
        if item.has("rsvp"):
            rsvp = item["rsvp"]
            Rsvp.objects.get_or_create(
                session=session,
                user=user,
                defaults={
                    "status": rsvp["status"].choice(Rsvp.Status),
                    "access_needs": rsvp.get("access_needs", "").value,
                },
            )
    if notes and not session.notes.exists():
        for item in notes:
            author = users.get(item["author"].str()) if item.has("author") else None
            SessionNote.objects.create(
                session=session,
                kind=item.get("kind", "note").choice(SessionNote.Kind),
                text=item["text"].str(),
                author=author,
            )
