"""Wagtail admin: staff build surveys as snippets (Snippets → Surveys), with the
questions inline and each question's options nested inside it."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Survey


class SurveyViewSet(SnippetViewSet):
    """Surveys on consultations: questions (single, multiple, scale 1–5, short text)."""

    model = Survey
    icon = "list-ul"
    menu_label = _("Surveys")
    list_display = ["title", "consultation", "is_active"]
    list_filter = ["is_active"]
    ordering = ["consultation", "sort_order"]
    add_to_admin_menu = False


register_snippet(SurveyViewSet)
