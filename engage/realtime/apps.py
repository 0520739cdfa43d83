"""Channels consumers, group names and broadcasting after commit."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RealtimeConfig(AppConfig):
    name = "engage.realtime"
    label = "realtime"
    verbose_name = _("Real-time")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from . import signals

        page_published.connect(
            signals.announce_page_published, dispatch_uid="engage-realtime-page-published"
        )
        page_unpublished.connect(
            signals.announce_page_unpublished, dispatch_uid="engage-realtime-page-unpublished"
        )
