"""Tables of early warning: rules, the alerts they raise, the response log and who is
subscribed to alert emails."""

from .alerts import Alert, AlertEvent, AlertQuerySet, AlertSubscription
from .rules import AlertRule, Kind

__all__ = ["Alert", "AlertEvent", "AlertQuerySet", "AlertRule", "AlertSubscription", "Kind"]
