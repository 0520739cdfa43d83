"""Public search (see the package docstring)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "home.search"
    label = "home_search"
    verbose_name = _("Public search")
    default_auto_field = "django.db.models.BigAutoField"
