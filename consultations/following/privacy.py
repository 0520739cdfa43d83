"""Follows, notification settings and notifications of a person, for "download my data"
and account deletion (all deleted with the account), and the notifications' retention."""

from django.utils.translation import gettext_lazy as _

from engage.accounts.privacy import bases, registry
from engage.accounts.privacy.retention import deleted

from .models import Follow, Notification, NotificationPreference


def erase(user, keep_content):
    Follow.objects.filter(user=user).delete()
    Notification.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()


def register():
    registry.register_section(
        "following",
        _("Following and notifications"),
        order=50,
        tables=[
            registry.Table("following", lambda user: Follow.objects.filter(user=user)),
            registry.Table(
                "notification_settings",
                lambda user: NotificationPreference.objects.filter(user=user),
            ),
            registry.Table(
                "notifications",
                lambda user: Notification.objects.filter(user=user),
                exclude=("key",),
            ),
        ],
        erase=erase,
    )
    registry.register_retention(
        "notifications",
        _("Notifications (sent or not)"),
        Notification,
        holds=_("which account was told about what, when"),
        lawful_basis=bases.CONSENT,
        apply=lambda cutoff: deleted(Notification.objects.filter(created_at__lt=cutoff)),
    )
