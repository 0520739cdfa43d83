"""Early warning: a shared app (see the package docstring)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringAlertsConfig(AppConfig):
    name = "engage.monitoring.alerts"
    label = "monitoring_alerts"
    verbose_name = _("Early warning")
