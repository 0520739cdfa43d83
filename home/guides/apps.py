"""Discussion guides: a page type (see the package docstring)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "home.guides"
    label = "guides"
    verbose_name = _("Discussion guides")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import exchange

        exchange.register()
