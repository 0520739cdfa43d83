"""RSVPs: places, the waiting list and its promotion, and every kind of bad input."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from consultations.codesign import services
from consultations.codesign.models import Invitation, Rsvp
from engage.communities.models import Action, Participation
from tests.factories import InvitationFactory, RsvpFactory, UserFactory


def test_a_place_is_confirmed_and_emailed(make_session, django_capture_on_commit_callbacks):
    session = make_session()
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        row, outcome = services.rsvp(person, session, access_needs="Step-free access please")
    assert (row.status, outcome) == (Rsvp.Status.CONFIRMED, services.RsvpOutcome.CONFIRMED)
    assert row.access_needs == "Step-free access please"
    assert [message.to for message in mail.outbox] == [[person.email]]
    assert session.title in mail.outbox[0].subject


def test_a_full_session_puts_people_on_the_waiting_list_and_says_so(client, make_session):
    session = make_session(capacity=1)
    services.rsvp(UserFactory(), session)
    late = UserFactory()
    client.force_login(late)
    response = client.post(f"/en/co-design/sessions/{session.pk}/rsvp/", follow=True)
    assert Rsvp.objects.get(user=late).status == Rsvp.Status.WAITLISTED
    html = response.content.decode()
    assert "you are on the waiting list" in html
    assert "1 place, 0 left" in html
    assert "1 person on the waiting list" in html
    assert "Leave the waiting list" in html


def test_a_cancellation_promotes_the_first_person_waiting_and_emails_them(
    make_session, django_capture_on_commit_callbacks
):
    session = make_session(capacity=1)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    services.rsvp(first, session)
    services.rsvp(second, session)
    services.rsvp(third, session)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_rsvp(first, session)
    assert promoted.user == second
    statuses = dict(Rsvp.objects.values_list("user_id", "status"))
    assert statuses == {
        first.pk: Rsvp.Status.CANCELLED,
        second.pk: Rsvp.Status.CONFIRMED,
        third.pk: Rsvp.Status.WAITLISTED,
    }
    assert [message.to for message in mail.outbox] == [[second.email]]


def test_someone_who_cancels_and_asks_again_goes_to_the_back_of_the_queue(make_session):
    session = make_session(capacity=1)
    holder, early, late = UserFactory(), UserFactory(), UserFactory()
    services.rsvp(holder, session)
    services.rsvp(early, session)
    services.rsvp(late, session)
    services.cancel_rsvp(early, session)
    services.rsvp(early, session)
    promoted = services.cancel_rsvp(holder, session)
    assert promoted.user == late


def test_leaving_the_waiting_list_promotes_nobody(make_session):
    session = make_session(capacity=1)
    holder, waiting = UserFactory(), UserFactory()
    services.rsvp(holder, session)
    services.rsvp(waiting, session)
    assert services.cancel_rsvp(waiting, session) is None
    assert Rsvp.objects.get(user=holder).status == Rsvp.Status.CONFIRMED


def test_a_past_session_refuses_replies_with_a_clear_message(client, make_session):
    session = make_session(starts_in=-datetime.timedelta(days=2))
    person = UserFactory()
    with pytest.raises(ValidationError) as caught:
        services.rsvp(person, session)
    assert caught.value.code == "started"
    client.force_login(person)
    response = client.get(session.get_absolute_url())
    assert "already started or taken place" in response.content.decode()
    assert not Rsvp.objects.exists()


def test_a_double_rsvp_keeps_one_row(client, make_session):
    session = make_session()
    person = UserFactory()
    client.force_login(person)
    for needs in ("", "A hearing loop"):
        client.post(f"/en/co-design/sessions/{session.pk}/rsvp/", {"access_needs": needs})
    row = Rsvp.objects.get(session=session, user=person)
    assert row.access_needs == "A hearing loop"
    with pytest.raises(IntegrityError), transaction.atomic():
        RsvpFactory(session=session, user=person)


def test_an_uninvited_person_cannot_reply_to_an_invitation_only_session(client, make_session):
    session = make_session(invitation_only=True)
    person = UserFactory()
    client.force_login(person)
    response = client.post(f"/en/co-design/sessions/{session.pk}/rsvp/")
    assert response.status_code == 400
    assert "by invitation only" in response.content.decode()
    assert not Rsvp.objects.exists()


def test_an_invited_person_may_reply_and_the_invitation_is_accepted(make_session):
    session = make_session(invitation_only=True)
    person = UserFactory()
    invitation = InvitationFactory(session=session, user=person)
    services.rsvp(person, session)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED


def test_too_long_access_needs_are_refused_against_the_field(client, make_session):
    session = make_session()
    client.force_login(UserFactory())
    response = client.post(
        f"/en/co-design/sessions/{session.pk}/rsvp/", {"access_needs": "x" * 1001}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert "error-summary" in html
    assert not Rsvp.objects.exists()


def test_interpretation_must_be_one_of_the_languages_offered(make_session):
    session = make_session(interpretation="ar")
    with pytest.raises(ValidationError) as caught:
        services.rsvp(UserFactory(), session, interpretation_language="so")
    assert "interpretation_language" in caught.value.message_dict
    row, _outcome = services.rsvp(UserFactory(), session, interpretation_language="ar")
    assert row.interpretation_language == "ar"


def test_an_unverified_person_is_asked_to_verify(make_session):
    session = make_session()
    with pytest.raises(ValidationError) as caught:
        services.rsvp(UserFactory(verified=False), session)
    assert caught.value.code == "verify_email"


def test_places_by_lot_make_everyone_a_volunteer(make_session):
    session = make_session(capacity=5, places_by_lot=True)
    row, outcome = services.rsvp(UserFactory(), session)
    assert (row.status, outcome) == (Rsvp.Status.WAITLISTED, services.RsvpOutcome.VOLUNTEERED)


def test_attendance_is_recorded_in_the_ledger(make_session, staff_mfa):
    session = make_session(starts_in=-datetime.timedelta(hours=3))
    came, absent = UserFactory(), UserFactory()
    for person in (came, absent):
        RsvpFactory(session=session, user=person)
    services.record_attendance(session, staff_mfa, [came.pk])
    services.record_attendance(session, staff_mfa, [absent.pk], present=False)
    assert dict(Rsvp.objects.values_list("user_id", "attended")) == {
        came.pk: True,
        absent.pk: False,
    }
    ledger = Participation.objects.filter(scope_type="session", scope_id=str(session.pk))
    assert [row.user_id for row in ledger.with_action(Action.ATTENDED)] == [came.pk]


def test_attendance_cannot_be_recorded_before_the_session(make_session, staff_mfa):
    session = make_session()
    person = UserFactory()
    RsvpFactory(session=session, user=person)
    with pytest.raises(ValidationError):
        services.record_attendance(session, staff_mfa, [person.pk])


def test_staff_record_attendance_on_the_staff_page(client, make_session, staff_mfa):
    session = make_session(starts_in=-datetime.timedelta(hours=3))
    came, absent = UserFactory(), UserFactory()
    for person in (came, absent):
        RsvpFactory(session=session, user=person)
    client.force_login(staff_mfa)
    response = client.post(
        f"/en/co-design/sessions/{session.pk}/manage/",
        {"form": "attendance", "attendance-attended": [str(came.pk)]},
    )
    assert response.status_code == 302
    assert dict(Rsvp.objects.values_list("user_id", "attended")) == {
        came.pk: True,
        absent.pk: False,
    }


def test_notes_and_actions_are_shown_to_participants_only(client, make_session, staff_mfa):
    session = make_session()
    services.add_note(session, staff_mfa, "We agreed on a quiet corner.", kind="decision")
    services.add_agreed_action(session, staff_mfa, what="Book the hall", who="Parks team")
    participant, outsider = UserFactory(), UserFactory()
    RsvpFactory(session=session, user=participant)
    client.force_login(participant)
    html = client.get(session.get_absolute_url()).content.decode()
    assert "We agreed on a quiet corner." in html
    assert "Book the hall" in html
    client.force_login(outsider)
    html = client.get(session.get_absolute_url()).content.decode()
    assert "quiet corner" not in html
    assert "Book the hall" not in html


def test_only_staff_can_write_notes(make_session):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.add_note(make_session(), UserFactory(), "Sneaky note")


def test_more_places_move_the_waiting_list_up_in_order(make_session):
    session = make_session(capacity=1)
    people = [UserFactory() for _n in range(4)]
    for person in people:
        services.rsvp(person, session)
    session.capacity = 3
    session.save()
    promoted = services.fill_free_places(session)
    assert [row.user for row in promoted] == people[1:3]
    assert Rsvp.objects.get(user=people[3]).status == Rsvp.Status.WAITLISTED


def test_access_needs_help_is_in_the_language_of_the_request(make_session):
    from django.utils import translation

    from consultations.codesign.forms import RsvpForm

    session = make_session()
    with translation.override("fr"):
        help_text = str(RsvpForm(session=session).fields["access_needs"].help_text)
    assert help_text.startswith("Tout ce qui vous aiderait à participer")
    with translation.override("en"):
        help_text = str(RsvpForm(session=session).fields["access_needs"].help_text)
    assert help_text.startswith("Anything that would help you take part")
