"""Wagtail admin: co-design sessions are snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CoDesignSession


class CoDesignSessionViewSet(SnippetViewSet):
    """Staff schedule co-design sessions here and link them to a consultation."""

    model = CoDesignSession
    icon = "group"
    menu_label = _("Co-design sessions")
    list_display = ["title", "consultation", "starts_at"]
    list_filter = ["consultation"]
    ordering = ["-starts_at"]


register_snippet(CoDesignSessionViewSet)
