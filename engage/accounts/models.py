"""Accounts: people log in with their email address and are shown by a display name.

Roles are not a field here. A resident is anyone with a verified email address; the
other roles come from Django groups (moderators, city staff), community leadership
mandates (`CommunityLeadership`) and partner memberships (`policy.PartnerMembership`).
`engage.accounts.rules` is the one place that turns these into decisions.
"""

import secrets
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    """Creates users keyed by email address (there are no usernames)."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. Public pages only ever show `public_name`."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=60,
        blank=True,
        help_text=_("The name others see beside what you write. It need not be your real name."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Emails from Engage are written in this language."),
    )
    erased_at = models.DateTimeField(
        _("account deleted at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Set when the person's account was deleted: the row stays, emptied of "
            "personal data, so kept content reads “former participant” and the "
            "participation counts stay true."
        ),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.public_name

    @property
    def public_name(self):
        """The name shown to others: the display name, never the email address."""
        if self.erased_at is not None:
            return _("Former participant")
        return self.display_name or _("Resident %(number)s") % {"number": self.pk}

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name


class CommunityLeadership(models.Model):
    """A mandate, granted by staff, for a person to speak for a community group."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="leaderships",
        verbose_name=_("leader"),
    )
    community_group = models.ForeignKey(
        "communities.Category",
        on_delete=models.CASCADE,
        related_name="leaderships",
        verbose_name=_("community group"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("community leadership")
        verbose_name_plural = _("community leaderships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "community_group"], name="unique_leadership_per_group"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.community_group}"

    @property
    def is_active(self):
        return self.revoked_at is None


def new_token():
    """A random, unguessable token for the links in deletion emails."""
    return secrets.token_urlsafe(32)


class PersonalDataExportStatus(models.TextChoices):
    QUEUED = "queued", _("Being prepared")
    DONE = "done", _("Ready to download")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


class PersonalDataExport(models.Model):
    """A "download my data" file built in the background (large accounts only; small
    ones download at once). The file lives under PRIVATE_ROOT/personal-data with a random
    name; only `user` may download it, until `expires_at`."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="personal_data_exports",
        verbose_name=_("person"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PersonalDataExportStatus.choices,
        default=PersonalDataExportStatus.QUEUED,
    )
    file_name = models.CharField(_("file"), max_length=255, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("personal data download")
        verbose_name_plural = _("personal data downloads")
        ordering = ["-created_at"]

    def __str__(self):
        return f"personal data of user {self.user_id} ({self.pk})"

    def has_expired(self, moment=None):
        return self.expires_at is not None and self.expires_at <= (moment or timezone.now())

    @property
    def download_name(self):
        stamp = timezone.localtime(self.created_at).strftime("%Y%m%d-%H%M")
        return f"engage-my-data-{stamp}.json"


class AccountDeletionStatus(models.TextChoices):
    AWAITING_CONFIRMATION = "awaiting", _("Waiting for confirmation by email")
    SCHEDULED = "scheduled", _("Confirmed; the account will be deleted")
    CANCELLED = "cancelled", _("Cancelled")
    DONE = "done", _("Deleted")


class AccountDeletion(models.Model):
    """A person's request to delete their account.

    It is confirmed from a link sent by email, then carried out `due_at` (after the grace
    period, settings.ACCOUNT_DELETION_GRACE_DAYS) by the daily task, unless cancelled from
    the link in the confirmation email or the account page. `keep_content` is the
    person's choice: keep what they wrote, shown as by a "former participant", or
    withdraw it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="deletion_requests",
        verbose_name=_("person"),
    )
    token = models.CharField(max_length=64, unique=True, editable=False, default=new_token)
    keep_content = models.BooleanField(_("keep content as a former participant"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AccountDeletionStatus.choices,
        default=AccountDeletionStatus.AWAITING_CONFIRMATION,
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    due_at = models.DateTimeField(_("to be deleted at"), null=True, blank=True, db_index=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    done_at = models.DateTimeField(_("deleted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("account deletion request")
        verbose_name_plural = _("account deletion requests")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status__in=["awaiting", "scheduled"]),
                name="one_open_deletion_per_user",
            )
        ]

    def __str__(self):
        return f"deletion of user {self.user_id} ({self.status})"

    @property
    def is_open(self):
        return self.status in (
            AccountDeletionStatus.AWAITING_CONFIRMATION,
            AccountDeletionStatus.SCHEDULED,
        )
