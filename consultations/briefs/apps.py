from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BriefsConfig(AppConfig):
    name = "consultations.briefs"
    label = "briefs"
    verbose_name = _("Co-authored briefs")
    default_auto_field = "django.db.models.BigAutoField"
