"""Moderated myth-busting forums."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    label = "forums"
    verbose_name = _("Forums")

    def ready(self):
        from . import rules  # noqa: F401 - registers the forums.* rules
        from .moderation_hooks import connect

        connect()

        from .privacy import register

        register()

        from . import scopes

        scopes.register()
        from . import (
            insights,  # noqa: F401 - registers forum texts for text analysis
            search,
        )

        search.register()
