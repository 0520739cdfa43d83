"""Who may do what. Views, templates, the API and consumers all ask these predicates."""

import rules
from django.conf import settings

MODERATORS = "Moderators"
CITY_STAFF = "City staff"


@rules.predicate
def is_verified(user):
    """A resident: signed in with a verified email address."""
    if not user or not user.is_authenticated or not user.is_active:
        return False
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


@rules.predicate
def is_moderator(user):
    return bool(user and user.is_authenticated) and (
        user.is_superuser or user.groups.filter(name=MODERATORS).exists()
    )


@rules.predicate
def is_city_staff(user):
    return bool(user and user.is_authenticated) and (
        user.is_superuser or user.groups.filter(name=CITY_STAFF).exists()
    )


@rules.predicate
def has_mfa(user):
    """TOTP is set up (or the account is exempt in dev settings)."""
    if not user or not user.is_authenticated:
        return False
    if user.email in settings.ENGAGE_MFA_EXEMPT_EMAILS:
        return True
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def needs_mfa_setup(user):
    return (is_moderator(user) or is_city_staff(user) or user.is_staff) and not has_mfa(user)
