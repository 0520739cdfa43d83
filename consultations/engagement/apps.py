from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "consultations.engagement"
    label = "engagement"
    verbose_name = _("Reactions and surveys")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import privacy

        privacy.register()
        from . import insights  # noqa: F401 - registers survey answers for text analysis
