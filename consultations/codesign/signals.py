"""Invitations sent to an address attach to the account that proves it owns it.

allauth sends `email_confirmed` when someone verifies an address (after sign-up, or a
new address later) and `user_logged_in` at every log-in; both attach the invitations
sent to the person's verified addresses (`services.attach_invitations`).
"""

from allauth.account.signals import email_confirmed, user_logged_in
from django.dispatch import receiver


@receiver(email_confirmed, dispatch_uid="codesign_attach_on_confirm")
def attach_on_email_confirmed(request, email_address, **kwargs):
    from .services import attach_invitations

    attach_invitations(email_address.user, email_address.email)


@receiver(user_logged_in, dispatch_uid="codesign_attach_on_login")
def attach_on_login(request, user, **kwargs):
    from .services import attach_verified_invitations

    attach_verified_invitations(user)
