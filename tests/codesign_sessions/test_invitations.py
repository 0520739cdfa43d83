"""Invitations to accounts and to addresses, and attaching them when someone signs up."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from consultations.codesign import services
from consultations.codesign.models import Invitation, Rsvp
from engage.accounts.models import User
from tests.factories import PASSWORD, UserFactory


def path_in(message):
    match = re.search(r"https?://testserver(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def test_an_invitation_by_email_attaches_when_that_person_signs_up(
    client, make_session, staff_mfa, django_capture_on_commit_callbacks
):
    session = make_session(invitation_only=True)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite(session, staff_mfa, email="Hodan@Example.org", role="coauthor")
    assert invitation.user is None
    assert [message.to for message in mail.outbox] == [["hodan@example.org"]]
    link = path_in(mail.outbox[0])
    assert link.startswith("/en/co-design/invitations/")
    signed = link.rstrip("/").rsplit("/", 1)[1]
    assert signed != invitation.token  # the token travels signed
    assert services.invitation_from_link(signed) == invitation

    landing = client.get(link)
    assert landing.status_code == 200
    assert "create a free account or log in" in landing.content.decode()

    mail.outbox.clear()
    client.post(
        "/en/accounts/signup/",
        {
            "email": "hodan@example.org",
            "display_name": "Hodan",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    user = User.objects.get(email="hodan@example.org")
    invitation.refresh_from_db()
    assert invitation.user is None  # not before the address is verified
    confirm = path_in(mail.outbox[0])
    client.post(confirm)
    invitation.refresh_from_db()
    assert invitation.user == user

    client.force_login(user)
    response = client.post(f"/en/co-design/sessions/{session.pk}/rsvp/")
    assert response.status_code == 302
    assert Rsvp.objects.get(session=session, user=user).status == Rsvp.Status.CONFIRMED
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED


def test_an_invitation_attaches_at_log_in_for_a_verified_address(client, make_session, staff_mfa):
    session = make_session()
    invitation = services.invite(session, staff_mfa, email="later@example.org")
    # The account appears afterwards (for example created by staff), already verified.
    person = UserFactory(email="later@example.org")
    assert (
        client.post(
            "/en/accounts/login/", {"login": "later@example.org", "password": PASSWORD}
        ).status_code
        == 302
    )
    invitation.refresh_from_db()
    assert invitation.user == person


def test_inviting_a_registered_address_asks_staff_to_invite_the_account(
    client, make_session, staff_mfa
):
    session = make_session()
    person = UserFactory(email="amina@example.org")
    with pytest.raises(ValidationError) as caught:
        services.invite(session, staff_mfa, email="AMINA@example.org")
    assert caught.value.error_dict["email"][0].code == "already_registered"
    client.force_login(staff_mfa)
    response = client.post(
        f"/en/co-design/sessions/{session.pk}/manage/",
        {"form": "invite", "invite-email": "amina@example.org", "invite-role": "participant"},
    )
    assert response.status_code == 400
    assert "Invite the account instead" in response.content.decode()
    response = client.post(
        f"/en/co-design/sessions/{session.pk}/manage/",
        {
            "form": "invite",
            "invite-account_email": "amina@example.org",
            "invite-role": "participant",
        },
    )
    assert response.status_code == 302
    assert Invitation.objects.get(session=session).user == person


def test_the_same_person_cannot_be_invited_twice(make_session, staff_mfa):
    session = make_session()
    person = UserFactory()
    services.invite(session, staff_mfa, user=person)
    services.invite(session, staff_mfa, email="new@example.org")
    for kwargs in ({"user": person}, {"email": "NEW@example.org"}):
        with pytest.raises(ValidationError) as caught:
            services.invite(session, staff_mfa, **kwargs)
        assert caught.value.code == "already_invited"
    assert Invitation.objects.count() == 2


def test_residents_cannot_invite(make_session):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.invite(make_session(), UserFactory(), email="x@example.org")


def test_a_tampered_invitation_link_is_refused(client, make_session, staff_mfa):
    invitation = services.invite(make_session(), staff_mfa, email="a@example.org")
    signed = services.invitation_link_token(invitation)
    response = client.get(f"/en/co-design/invitations/{signed[:-2]}xx/")
    assert response.status_code == 404
    assert "does not work" in response.content.decode()


def test_declining_an_invitation_frees_the_place(make_session, staff_mfa):
    session = make_session(capacity=1)
    invited, waiting = UserFactory(), UserFactory()
    services.invite(session, staff_mfa, user=invited)
    services.rsvp(invited, session)
    services.rsvp(waiting, session)
    services.decline(invited, session)
    assert Invitation.objects.get(user=invited).status == Invitation.Status.DECLINED
    assert Rsvp.objects.get(user=waiting).status == Rsvp.Status.CONFIRMED
