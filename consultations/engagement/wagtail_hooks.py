"""Wagtail admin: staff build surveys as snippets (Snippets → Surveys), with the
questions inline and each question's options nested inside it; each survey's "More"
menu offers "Add the perceived-impact questions" (`admin_views`)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
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


@hooks.register("register_admin_urls")
def register_perceived_impact_urls():
    return [
        path(
            "engagement/surveys/<int:pk>/perceived-impact/",
            include(
                (
                    [path("", admin_views.add_perceived_impact, name="add_perceived_impact")],
                    admin_views.ADMIN_NAMESPACE,
                )
            ),
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def perceived_impact_button(snippet, user, next_url=None):
    if isinstance(snippet, Survey) and admin_views.may_add_perceived_impact(user):
        yield Button(
            _("Add the perceived-impact questions"),
            reverse(f"{admin_views.ADMIN_NAMESPACE}:add_perceived_impact", args=[snippet.pk]),
            icon_name="plus",
            priority=50,
        )
