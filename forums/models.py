"""Myth-busting forums (key action 2).

A `ForumIndexPage` lists the forums; a `ForumPage` is one moderated forum with an
introduction and posting guidelines. Threads, claims, fact-checks and posts hang off a
ForumPage in a later release.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import PARAGRAPH_FEATURES


class ForumIndexPage(Page):
    """Lists the forums below it."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["forums.ForumPage"]

    class Meta:
        verbose_name = _("forum index")

    def forums(self):
        """Published forums below this index, in the order editors arranged them."""
        return ForumPage.objects.child_of(self).live().public().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["forums"] = self.forums()
        return context


class ForumPage(Page):
    """One moderated forum: what it is for and the rules everyone posts by."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    posting_guidelines = RichTextField(
        _("posting guidelines"),
        blank=True,
        features=PARAGRAPH_FEATURES,
        help_text=_("The house rules, in plain words: what is welcome and what is removed."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("posting_guidelines")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["forums.ForumIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
