"""Invitations to a session: to an account, or to an email address with no account
yet (a signed link; the invitation attaches to the account that later verifies that
address)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from engage.after_commit import on_commit_safely

from ..models import Invitation
from .emails import absolute_url, email_on_commit
from .sessions import check_may_manage

INVITATION_SALT = "codesign.invitation"


def invite(session, staff_user, *, user=None, email="", role=Invitation.Role.PARTICIPANT):
    """Invite an account, or an email address with no account yet, to `session`.

    An address that belongs to an account is refused with a message asking staff to
    invite the account instead, so invitations never go to two places. The person is
    emailed once the invitation is saved: an account in its own language, an address
    with a signed link (`invitation_url`) in the language active now.
    """
    check_may_manage(staff_user, session)
    if role not in Invitation.Role.values:
        raise ValidationError({"role": _("Choose co-author or participant.")}, code="bad_role")
    email = (email or "").strip().lower()
    if user is None and not email:
        raise ValidationError(
            _("Give an account or an email address to invite."), code="no_recipient"
        )
    if user is None:
        account = get_user_model().objects.filter(email__iexact=email).first()
        if account is not None:
            raise ValidationError(
                {
                    "email": ValidationError(
                        _(
                            "%(email)s already has an account. Invite the account instead "
                            "(choose it under “account”), so the invitation reaches them when "
                            "they log in."
                        )
                        % {"email": email},
                        code="already_registered",
                    )
                }
            )
    if session.has_ended():
        raise ValidationError(
            _("This session has taken place; there is nothing left to invite anyone to."),
            code="ended",
        )
    duplicate = Invitation.objects.filter(session=session)
    duplicate = (
        duplicate.filter(user=user) if user is not None else duplicate.filter(email__iexact=email)
    )
    if duplicate.exists():
        raise ValidationError(
            _("This person is already invited to this session."), code="already_invited"
        )
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                session=session,
                user=user,
                email="" if user is not None else email,
                role=role,
                invited_by=staff_user,
            )
            if user is not None:
                email_on_commit(user.pk, "invitation", session)
            else:
                language = translation.get_language() or settings.LANGUAGE_CODE
                on_commit_safely(
                    lambda: _send_address_invitation(invitation.pk, language),
                    "email an invitation to an address",
                )
    except IntegrityError:
        raise ValidationError(
            _("This person is already invited to this session."), code="already_invited"
        ) from None
    return invitation


# Sent after the transaction that invited an email address commits; `receivers.py`
# enqueues `tasks.send_invitation_to_address` (this module does not import the tasks).
address_invited = Signal()


def _send_address_invitation(invitation_id, language):
    address_invited.send(sender=Invitation, invitation_id=invitation_id, language=language)


def invitation_link_token(invitation):
    """The signed token in an invitation email's link."""
    return signing.dumps(invitation.token, salt=INVITATION_SALT)


def invitation_url(invitation, language=None):
    with translation.override(language or translation.get_language()):
        path = reverse(
            "codesign:session_invitation", kwargs={"token": invitation_link_token(invitation)}
        )
    return absolute_url(path)


def invitation_from_link(signed_token):
    """The invitation a link points to, or None when the link is broken or too old."""
    max_age = settings.CODESIGN_INVITATION_LINK_MAX_AGE_DAYS * 24 * 3600
    try:
        token = signing.loads(signed_token, salt=INVITATION_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    return Invitation.objects.select_related("session").filter(token=token).first()


def attach_invitations(user, email):
    """Give `user` the invitations sent to `email` before they had an account.

    Called when an address is confirmed (sign-up) and at log-in, only for addresses the
    person has verified, so nobody can claim someone else's invitation by typing their
    address. An invitation already held by the account for that session wins; the other
    is left alone. Returns how many invitations were attached.
    """
    email = (email or "").strip().lower()
    if not email or user is None or not user.is_authenticated:
        return 0
    attached = 0
    for invitation in Invitation.objects.filter(user__isnull=True, email__iexact=email):
        if Invitation.objects.filter(session_id=invitation.session_id, user=user).exists():
            continue
        with transaction.atomic():
            updated = Invitation.objects.filter(pk=invitation.pk, user__isnull=True).update(
                user=user
            )
        attached += updated
    return attached


def attach_verified_invitations(user):
    """`attach_invitations` for every verified address of `user`."""
    from allauth.account.models import EmailAddress

    count = 0
    for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
        "email", flat=True
    ):
        count += attach_invitations(user, address)
    return count
