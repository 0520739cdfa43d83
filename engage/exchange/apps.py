"""Exchange with other cities: a shared app (see the package docstring)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "engage.exchange"
    label = "exchange"
    verbose_name = _("Exchange with other cities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .kinds import register_own_kinds

        register_own_kinds()
