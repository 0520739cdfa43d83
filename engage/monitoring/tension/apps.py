"""Tension assessments: a shared app (see the package docstring)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringTensionConfig(AppConfig):
    name = "engage.monitoring.tension"
    label = "monitoring_tension"
    verbose_name = _("Tension assessments")

    def ready(self):
        from . import privacy, rules  # noqa: F401  (rules registers the rules)
        from .series import register_series

        register_series()
        privacy.register()
