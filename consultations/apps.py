"""Consultation pages, proposals, comments and co-design sessions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    label = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from . import moderation_hooks, privacy  # noqa: F401 - registers comments for moderation

        privacy.register()

        from . import scopes

        scopes.register()

        from . import page_context
        from .models import ConsultationPage

        ConsultationPage.page_context = page_context
        from . import insights  # noqa: F401 - registers comments for text analysis
        from .impact_subjects import register as register_impact_subjects

        register_impact_subjects()
        from .impact_related import register as register_impact_related

        register_impact_related()
        from . import search

        search.register()
