"""Accounts: email log-in, display names and roles."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "engage.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from engage import privatefiles  # noqa: F401 - registers the private-root check

        from .privacy import sections

        sections.register()

        from .privacy import exports, receivers

        exports.download_started.connect(
            receivers.enqueue_download, dispatch_uid="engage-privacy-enqueue-download"
        )
