"""Following consultations, notification settings, and the notification ledger.

A person follows a consultation (`Follow`) to hear when it is closing soon and when its
outcome is published; replies to their own comments reach them whether or not they
follow. How they hear is their `NotificationPreference`: an email for each event, one
daily digest, or nothing. Every notification is first written as a `Notification` row
whose `key` is unique, so each event reaches each person at most once however many
workers or signals see it; the daily digest sends the rows still pending.

Write through `consultations.following.services`.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationMode(models.TextChoices):
    IMMEDIATE = "immediate", _("An email for each update")
    DAILY = "daily", _("One email a day with all updates (daily digest)")
    OFF = "off", _("No emails")


class NotificationKind(models.TextChoices):
    REPLY = "reply", _("A reply to your comment")
    CLOSING_SOON = "closing_soon", _("A consultation you follow is closing soon")
    OUTCOME = "outcome", _("The outcome of a consultation you follow is published")


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the daily digest")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Not sent (emails turned off)")


class FollowQuerySet(models.QuerySet):
    def for_consultation(self, consultation):
        return self.filter(consultation_id=getattr(consultation, "pk", consultation))

    def of(self, user):
        """What `user` follows (nothing for anonymous visitors)."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(user_id=user.pk)


class Follow(models.Model):
    """`user` follows `consultation`: they hear when it closes soon and its outcome."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("person"),
    )
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("consultation"),
    )
    created_at = models.DateTimeField(_("followed since"), default=timezone.now)

    objects = FollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(fields=["user", "consultation"], name="one_follow_per_person")
        ]

    def __str__(self):
        return f"{self.user_id} follows {self.consultation_id}"


class NotificationPreference(models.Model):
    """How one person wants to hear about updates. No row means the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("person"),
    )
    mode = models.CharField(
        _("how to hear about updates"),
        max_length=10,
        choices=NotificationMode.choices,
        default=NotificationMode.IMMEDIATE,
    )
    follow_when_commenting = models.BooleanField(
        _("follow consultations I comment on"),
        default=True,
        help_text=_("You will hear when they are closing soon and when the outcome is published."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return f"{self.user_id}: {self.mode}"


class NotificationQuerySet(models.QuerySet):
    def pending(self):
        """Rows waiting for the daily digest."""
        return self.filter(status=NotificationStatus.PENDING)


class Notification(models.Model):
    """One update for one person; `key` makes each event reach each person once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("consultation"),
    )
    comment = models.ForeignKey(
        "consultations.Comment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("comment"),
    )
    key = models.CharField(_("idempotency key"), max_length=100, unique=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=NotificationStatus.choices,
        default=NotificationStatus.PENDING,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["status", "user"], name="notification_pending_idx")]

    def __str__(self):
        return self.key
