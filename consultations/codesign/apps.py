from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodesignConfig(AppConfig):
    """Co-design sessions (`CoDesignSession`, a snippet) with their invitations, RSVPs,
    waiting list, attendance, notes and panels by lot. Registers the `session:<id>`
    scope and the personal-data sections, and connects the allauth signals that attach
    invitations sent by email (`signals.py`)."""

    name = "consultations.codesign"
    label = "codesign"
    verbose_name = _("Co-design sessions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import privacy, signals  # noqa: F401

        privacy.register()

        from . import scopes

        scopes.register()

        from . import receivers, services

        services.address_invited.connect(
            receivers.enqueue_address_invitation, dispatch_uid="engage-codesign-address-invited"
        )
