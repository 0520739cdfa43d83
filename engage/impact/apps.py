"""Impact assessments: a shared app (see the package docstring)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "engage.impact"
    label = "impact"
    verbose_name = _("Impact assessments")

    def ready(self):
        from . import privacy, rules  # noqa: F401 - rules registers the permission rules

        privacy.register()

        from .policy_areas import shared_related

        shared_related.register()
