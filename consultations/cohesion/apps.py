"""The cohesion and polarisation section (see the package docstring)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohesionConfig(AppConfig):
    name = "consultations.cohesion"
    label = "consultations_cohesion"
    verbose_name = _("Cohesion and polarisation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from engage.impact.publication import register_publication_check

        from .services import decision_publication_problem

        register_publication_check(decision_publication_problem)
