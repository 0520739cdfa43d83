"""Wagtail admin: co-design sessions are snippets, with buttons in the listing.

"Invitations, attendance and notes" and "Draw a panel by lot" open the staff page for
the session (`codesign:session_manage`), which calls the same services as the API.
Shown to people allowed `codesign.manage_session`.
"""

import rules
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
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


@hooks.register("register_snippet_listing_buttons")
def session_manage_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, CoDesignSession):
        return []
    if not rules.test_rule("codesign.manage_session", user, snippet):
        return []
    url = reverse("codesign:session_manage", kwargs={"pk": snippet.pk})
    return [
        Button(
            _("Invitations, attendance and notes"),
            url=url,
            icon_name="group",
            priority=5,
        ),
        Button(
            _("Draw a panel by lot"),
            url=f"{url}#panel-heading",
            icon_name="resubmit",
            priority=6,
        ),
    ]


@hooks.register("after_edit_snippet")
def fill_places_after_capacity_change(request, instance):
    """Staff raised the number of places: the waiting list moves up at once."""
    if isinstance(instance, CoDesignSession):
        from .services import fill_free_places

        fill_free_places(instance)
