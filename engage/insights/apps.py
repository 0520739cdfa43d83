"""Sentiment, language and polarisation signals (filled by later issues)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "engage.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self):
        # The rule insights.view_signals, and the receivers that analyse registered texts.
        from . import privacy, receivers, rules  # noqa: F401

        privacy.register()
