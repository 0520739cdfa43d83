"""Hate incident reports: a shared app (see the package docstring)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringIncidentsConfig(AppConfig):
    name = "engage.monitoring.incidents"
    label = "monitoring_incidents"
    verbose_name = _("Hate incident reports")
