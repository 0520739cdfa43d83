"""Early warning: a shared app (see the package docstring)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringAlertsConfig(AppConfig):
    name = "engage.monitoring.alerts"
    label = "monitoring_alerts"
    verbose_name = _("Early warning")

    def ready(self):
        # The permission rules, and the text signals as weekly series per area.
        from . import access, privacy, text_series  # noqa: F401

        text_series.register()
        privacy.register()
