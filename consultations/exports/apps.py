from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "consultations.exports"
    label = "exports"
    verbose_name = _("Consultation exports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import privacy

        privacy.register()

        from . import receivers, services

        services.export_started.connect(
            receivers.enqueue_export, dispatch_uid="engage-exports-enqueue"
        )
