"""Cohesion pulse surveys: a shared app (see the package docstring)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringPulseConfig(AppConfig):
    name = "engage.monitoring.pulse"
    label = "monitoring_pulse"
    verbose_name = _("Cohesion pulse surveys")

    def ready(self):
        from . import privacy, rules  # noqa: F401  (rules registers the rules)
        from .series import register_series

        register_series()
        privacy.register()
