"""Community groups, population baselines and the participation ledger."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "engage.communities"
    label = "communities"
    verbose_name = _("Communities")

    def ready(self):
        from . import privacy

        privacy.register()
