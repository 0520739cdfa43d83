"""Accounts: people log in with their email address and are shown by a display name.

Roles are not a field here. A resident is anyone with a verified email address; the
other roles come from Django groups (moderators, city staff), community leadership
mandates (`CommunityLeadership`) and partner memberships (`policy.PartnerMembership`).
`engage.accounts.rules` is the one place that turns these into decisions.
"""

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
