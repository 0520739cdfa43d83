"""Sentiment, language and polarisation signals (filled by later issues)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "engage.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self):
        from . import rules  # noqa: F401 - registers insights.view_signals
