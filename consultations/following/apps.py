"""Following consultations and notifications (replies, closing soon, outcomes, digest)."""

import importlib

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowingConfig(AppConfig):
    name = "consultations.following"
    label = "following"
    verbose_name = _("Following and notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from . import privacy, receivers, rules, services  # noqa: F401 - rules registers them

        privacy.register()

        page_published.connect(
            receivers.on_page_published, dispatch_uid="engage-following-outcome-published"
        )
        # Approved pending replies notify the person they answer. The moderation app
        # sends `content_moderated`; connect to it when it is there.
        try:
            signals = importlib.import_module("engage.moderation.signals")
        except ImportError:
            return
        content_moderated = getattr(signals, "content_moderated", None)
        if content_moderated is not None:
            content_moderated.connect(
                services.on_content_moderated, dispatch_uid="engage-following-reply-approved"
            )
