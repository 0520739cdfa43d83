from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodesignConfig(AppConfig):
    name = "consultations.codesign"
    label = "codesign"
    verbose_name = _("Co-design sessions")
    default_auto_field = "django.db.models.BigAutoField"
