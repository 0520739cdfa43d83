"""What the accounts app itself holds about a person, for the registry: sign-in
addresses, two-factor devices (never their secrets), leadership mandates, personal data
downloads and deletion requests; and the retention rules of the account tables.

Registered by `AccountsConfig.ready()`.
"""

from django.contrib.sessions.models import Session
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from engage.accounts.models import (
    AccountDeletion,
    AccountDeletionStatus,
    CommunityLeadership,
    PersonalDataExport,
    User,
)

from . import exports, registry
from .bases import CONTRACT
from .bases import LEGAL_OBLIGATION as LEGAL
from .bases import LEGITIMATE_INTERESTS as INTEREST
from .retention import deleted


def _email_addresses(user):
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user)


def _authenticators(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user)


def erase_account_rows(user, keep_content):
    """Sign-in addresses, two-factor devices, mandates, downloads and their files."""
    from wagtail.users.models import UserProfile

    _email_addresses(user).delete()
    _authenticators(user).delete()
    CommunityLeadership.objects.filter(user=user).delete()
    UserProfile.objects.filter(user=user).delete()
    for job in PersonalDataExport.objects.filter(user=user):
        exports.expire(job)
    PersonalDataExport.objects.filter(user=user).delete()


def _unverified_accounts(cutoff):
    from allauth.account.models import EmailAddress

    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    stale = User.objects.filter(
        date_joined__lt=cutoff,
        is_staff=False,
        is_superuser=False,
        erased_at__isnull=True,
    ).exclude(Exists(verified))
    return deleted(stale.exclude(last_login__gte=cutoff))


def _email_confirmations(cutoff):
    from allauth.account.models import EmailConfirmation

    return deleted(EmailConfirmation.objects.filter(created__lt=cutoff))


def _sessions(cutoff):
    # The period counts from the session's expiry, not its start.
    return deleted(Session.objects.filter(expire_date__lt=cutoff))


def _personal_data_exports(cutoff):
    exports.purge_expired()
    return deleted(PersonalDataExport.objects.filter(created_at__lt=cutoff))


def _account_deletions(cutoff):
    closed = [AccountDeletionStatus.CANCELLED, AccountDeletionStatus.DONE]
    lapsed = AccountDeletion.objects.filter(
        status=AccountDeletionStatus.AWAITING_CONFIRMATION, requested_at__lt=cutoff
    )
    return deleted(AccountDeletion.objects.filter(status__in=closed, requested_at__lt=cutoff)) + (
        deleted(lapsed)
    )


def _admin_log(cutoff):
    from django.contrib.admin.models import LogEntry

    return deleted(LogEntry.objects.filter(action_time__lt=cutoff))


def register():
    registry.register_section(
        "account",
        _("Your account"),
        order=0,
        tables=[
            registry.Table(
                "email_addresses", _email_addresses, fields=("email", "verified", "primary")
            ),
            registry.Table(
                "two_factor_devices", _authenticators, fields=("type", "created_at", "last_used_at")
            ),
            registry.Table(
                "community_leadership",
                lambda user: CommunityLeadership.objects.filter(user=user),
                exclude=("granted_by",),
            ),
            registry.Table(
                "personal_data_downloads",
                lambda user: PersonalDataExport.objects.filter(user=user),
                exclude=("file_name", "error"),
            ),
            registry.Table(
                "account_deletion_requests",
                lambda user: AccountDeletion.objects.filter(user=user),
                exclude=("token",),
            ),
        ],
        erase=erase_account_rows,
    )
    rule = registry.register_retention
    rule(
        "unverified_accounts",
        _("Accounts whose email address was never confirmed"),
        User,
        holds=_("email address, display name, password hash"),
        lawful_basis=CONTRACT,
        apply=_unverified_accounts,
    )
    from allauth.account.models import EmailConfirmation
    from django.contrib.admin.models import LogEntry

    rule(
        "email_confirmations",
        _("Email confirmation links"),
        EmailConfirmation,
        holds=_("email address, link key"),
        lawful_basis=CONTRACT,
        apply=_email_confirmations,
    )
    rule(
        "sessions",
        _("Sign-in sessions (days after they expire)"),
        Session,
        holds=_("session key, signed-in account"),
        lawful_basis=INTEREST,
        apply=_sessions,
    )
    rule(
        "personal_data_exports",
        _("“Download my data” requests and files"),
        PersonalDataExport,
        holds=_("who asked, when; the file (deleted when its link expires)"),
        lawful_basis=LEGAL,
        apply=_personal_data_exports,
    )
    rule(
        "account_deletions",
        _("Account deletion requests, once cancelled, lapsed or carried out"),
        AccountDeletion,
        holds=_("which account, when, the choice about content"),
        lawful_basis=LEGAL,
        apply=_account_deletions,
    )
    rule(
        "admin_log",
        _("Django admin change log"),
        LogEntry,
        holds=_("which staff account changed what"),
        lawful_basis=LEGAL,
        apply=_admin_log,
    )
