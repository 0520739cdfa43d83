"""Policy areas, partner organisations and data sharing."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "engage.policy"
    label = "policy"
    verbose_name = _("Policy and partners")

    def ready(self):
        from . import privacy, rules  # noqa: F401 - registers the agreement rules

        privacy.register()
