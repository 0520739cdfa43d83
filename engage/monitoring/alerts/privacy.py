"""What early warning holds about a person, for "download my data" and account deletion.

Only staff and partner members appear here: their alert-email subscription, the alerts
assigned to them and what they did on alerts (acknowledged, noted, closed with what was
done). On deletion the subscription goes; the alerts' history stays, pointing at the
emptied account, because it is the city's record of how it responded to a warning.
"""

from django.utils.translation import gettext_lazy as _

from engage.accounts.privacy import registry

from .models import Alert, AlertEvent, AlertSubscription


def erase(user, keep_content):
    AlertSubscription.objects.filter(user=user).delete()


def register():
    registry.register_section(
        "early_warning",
        _("Early-warning alerts"),
        order=65,
        tables=[
            registry.Table(
                "alert_subscription", lambda user: AlertSubscription.objects.filter(user=user)
            ),
            registry.Table("alerts_assigned", lambda user: Alert.objects.filter(assigned_to=user)),
            registry.Table("alert_actions", lambda user: AlertEvent.objects.filter(user=user)),
        ],
        erase=erase,
    )
