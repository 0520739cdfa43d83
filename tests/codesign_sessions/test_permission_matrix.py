"""Who may do what with a session: role × session state × action (meinBerlin style).

The session is invitation-only in every state. "resident" and "leader" are invited;
the leader holds a place (confirmed; in the past state recorded as attended); "uninvited"
is a verified resident with no invitation. Staff have two-factor set up.
"""

import datetime

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from consultations.codesign.models import Invitation, Rsvp
from tests.factories import (
    InvitationFactory,
    RsvpFactory,
    UserFactory,
    city_staff,
    leader,
    moderator,
    with_totp,
)

ROLES = ["anonymous", "resident", "leader", "staff", "moderator", "uninvited"]
STATES = ["upcoming", "full", "past"]
ACTIONS = ["view", "rsvp", "see_notes", "record_attendance"]

# (view, rsvp, see_notes, record_attendance) per role, the same in each state except
# that nobody may RSVP to a past session.
EXPECTED = {
    "anonymous": (True, False, False, False),
    "resident": (True, True, False, False),
    "leader": (True, True, True, False),
    "staff": (True, False, True, True),
    "moderator": (True, False, False, False),
    "uninvited": (True, False, False, False),
}
RULE_FOR = {
    "view": "codesign.view_session",
    "rsvp": "codesign.rsvp",
    "see_notes": "codesign.view_notes",
    "record_attendance": "codesign.manage_session",
}


def expected(role, state, action):
    allowed = dict(zip(ACTIONS, EXPECTED[role], strict=True))[action]
    if action == "rsvp" and state == "past":
        return False
    return allowed


@pytest.fixture
def world(make_session):
    def build(state):
        if state == "past":
            session = make_session(starts_in=-datetime.timedelta(days=1), invitation_only=True)
        else:
            session = make_session(capacity=1 if state == "full" else 5, invitation_only=True)
        people = {
            "anonymous": AnonymousUser(),
            "resident": UserFactory(),
            "leader": leader(),
            "staff": with_totp(city_staff()),
            "moderator": moderator(),
            "uninvited": UserFactory(),
        }
        for role in ("resident", "leader"):
            InvitationFactory(session=session, user=people[role])
        RsvpFactory(
            session=session,
            user=people["leader"],
            status=Rsvp.Status.CONFIRMED,
            attended=True if state == "past" else None,
        )
        return session, people

    return build


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_session_permission_matrix(world, role, state):
    session, people = world(state)
    user = people[role]
    answers = {action: rules.test_rule(RULE_FOR[action], user, session) for action in ACTIONS}
    assert answers == {action: expected(role, state, action) for action in ACTIONS}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_session_pages_follow_the_matrix(client, world, role, state):
    """The same matrix over HTTP: the page, the RSVP form, the notes, the staff page."""
    session, people = world(state)
    user = people[role]
    if role != "anonymous":
        client.force_login(user)
    page = client.get(session.get_absolute_url())
    assert (page.status_code == 200) is expected(role, state, "view")
    html = page.content.decode()
    assert ('id="outcome-heading"' in html) is expected(role, state, "see_notes")
    assert (f"/co-design/sessions/{session.pk}/rsvp/" in html) is expected(role, state, "rsvp")
    manage = client.get(f"/en/co-design/sessions/{session.pk}/manage/")
    if role == "anonymous":
        assert manage.status_code == 302
    else:
        assert (manage.status_code == 200) is expected(role, state, "record_attendance")
        assert manage.status_code in (200, 403)
    before = Rsvp.objects.filter(session=session).count()
    reply = client.post(f"/en/co-design/sessions/{session.pk}/rsvp/", {"access_needs": ""})
    rows = Rsvp.objects.filter(session=session)
    if expected(role, state, "rsvp"):
        assert reply.status_code == 302
        assert rows.filter(user=user).exclude(status=Rsvp.Status.CANCELLED).exists()
    else:
        assert reply.status_code in (302, 400)
        assert rows.count() == before


def test_a_session_of_an_unpublished_consultation_is_shown_only_to_invited_people(
    make_session, consultation
):
    session = make_session(consultation=consultation)
    consultation.unpublish()
    invited, stranger = UserFactory(), UserFactory()
    InvitationFactory(session=session, user=invited)
    session.refresh_from_db()
    assert rules.test_rule("codesign.view_session", invited, session)
    assert not rules.test_rule("codesign.view_session", stranger, session)
    assert not rules.test_rule("codesign.rsvp", stranger, session)


def test_staff_without_two_factor_cannot_manage(make_session):
    session = make_session()
    assert not rules.test_rule("codesign.manage_session", city_staff(), session)


@pytest.mark.parametrize(
    ("who", "invitation", "status", "attended", "coauthor"),
    [
        ("resident", None, Rsvp.Status.CONFIRMED, None, False),
        ("resident", "coauthor", Rsvp.Status.CONFIRMED, None, True),
        ("resident", "coauthor", Rsvp.Status.CANCELLED, None, False),
        ("resident", "participant", Rsvp.Status.CONFIRMED, None, False),
        ("leader", None, Rsvp.Status.CONFIRMED, None, True),
        ("leader", None, Rsvp.Status.WAITLISTED, None, False),
        ("leader", None, Rsvp.Status.CANCELLED, True, True),
    ],
)
def test_who_may_edit_the_brief(make_session, who, invitation, status, attended, coauthor):
    session = make_session()
    user = leader() if who == "leader" else UserFactory()
    if invitation:
        InvitationFactory(
            session=session, user=user, role=invitation, status=Invitation.Status.ACCEPTED
        )
    RsvpFactory(session=session, user=user, status=status, attended=attended)
    assert rules.test_rule("codesign.edit_brief", user, session) is coauthor
