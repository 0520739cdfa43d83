"""Hate incident reports: a shared app (see the package docstring)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringIncidentsConfig(AppConfig):
    name = "engage.monitoring.incidents"
    label = "monitoring_incidents"
    verbose_name = _("Hate incident reports")

    def ready(self):
        from engage.monitoring import series

        from . import aggregates, privacy, rules  # noqa: F401  (rules registers its predicates)

        series.register(
            "incidents.reports",
            _("Hate incident reports"),
            series.COUNT,
            aggregates.report_points,
        )
        series.register(
            "incidents.reports_raw",
            _("Hate incident reports (raw, early warning only)"),
            series.COUNT,
            aggregates.raw_report_points,
            internal=True,
        )
        series.register(
            "incidents.recorded_crime",
            _("Police-recorded hate crime"),
            series.COUNT,
            aggregates.recorded_points,
        )
        privacy.register()
