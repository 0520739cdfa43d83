"""The agreed terminology: a shared app (see the package docstring)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GlossaryConfig(AppConfig):
    name = "engage.policy.glossary"
    label = "policy_glossary"
    verbose_name = _("Glossary")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import privacy, rules, signals  # noqa: F401  (rules and signals register)
        from .interchange.exchange import register_exchange_kind

        privacy.register()
        register_exchange_kind()
