"""Channels consumers, group names and broadcasting after commit."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RealtimeConfig(AppConfig):
    name = "engage.realtime"
    label = "realtime"
    verbose_name = _("Real-time")
