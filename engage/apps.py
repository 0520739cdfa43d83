"""The platform app: base templates, components, static files, template tags and the
site-wide management commands (seed_demo)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngageConfig(AppConfig):
    name = "engage"
    label = "engage"
    verbose_name = _("Engage")
