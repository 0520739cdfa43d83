"""Sanitising user content, reports, the moderation queue and its audit trail."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "engage.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from . import privacy, rules  # noqa: F401 - registers the moderation rules

        privacy.register()
