"""Opinion maps: a shared app (see the package docstring)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionsConfig(AppConfig):
    name = "engage.opinions"
    label = "opinions"
    verbose_name = _("Opinion maps")

    def ready(self):
        from . import privacy, registrations
        from .live import registrations as live_registrations

        privacy.register()
        registrations.register()
        live_registrations.register()
