"""Wagtail admin: translators fill in the published brief in each language.

Briefs are created with their session and written in the live editor; the admin only
edits the translations of the published text (`published_html_<lang>`, wagtail-
modeltranslation), which the consultation page shows in the reader's language.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Brief


class BriefViewSet(SnippetViewSet):
    """Published briefs and their translations."""

    model = Brief
    icon = "doc-full"
    menu_label = _("Briefs")
    add_to_admin_menu = False
    list_display = ["session", "status", "published_at"]
    list_filter = ["status"]
    ordering = ["-updated_at"]
    edit_handler = ObjectList(
        [
            FieldPanel(
                f"published_html_{code.replace('-', '_')}", read_only=code == settings.LANGUAGE_CODE
            )
            for code, _name in settings.LANGUAGES
        ]
    )


register_snippet(BriefViewSet)
