"""The home page and plain content pages."""

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyStreamBlock

# How many open consultations and forums the home page lists.
HOME_PAGE_LIST_LENGTH = 6
#: The children of the home page that `HomePage.route` reads in one query (the reverse
#: one-to-one names of their page tables).
SECTION_INDEXES = ("consultationindexpage", "forumindexpage")


def _joined(page, name):
    """`page` as its child table `name` (read by select_related), or None."""
    try:
        return getattr(page, name)
    except ObjectDoesNotExist:
        return None


class HomePage(Page):
    """The city's front page: an introduction and what is open now.

    It is the root of the default Site. Its children are the sections: content pages,
    the consultation index and the forum index.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "consultations.ConsultationIndexPage",
        "forums.ForumIndexPage",
        "guides.DiscussionGuideIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Route to a child in one query when it is a section index.

        Wagtail's `Page.route` reads the child as a plain page, then again as its
        specific class (two queries). The consultation and forum indexes are read here
        with the plain page, joined (`select_related` of their table), so every
        consultation and forum page costs one query less; any other child (a content
        page) is read as Wagtail does, in two."""
        if path_components:
            child = (
                Page.objects.child_of(self)
                .filter(slug=path_components[0])
                .select_related(*SECTION_INDEXES)
                .first()
            )
            if child is None:
                raise Http404
            child._cached_parent_obj = self  # as Page.route does: no query for the parent
            for name in SECTION_INDEXES:
                section = _joined(child, name)
                if section is not None:
                    section._cached_parent_obj = self
                    return section.route(request, path_components[1:])
            return child.specific.route(request, path_components[1:])
        return super().route(request, path_components)

    def open_consultations(self):
        """Published consultations open now, closing soonest first."""
        from consultations.models import ConsultationPage

        return (
            ConsultationPage.objects.live()
            .public()
            .descendant_of(self)
            .open()
            .for_cards()
            .order_by("closes_at")[:HOME_PAGE_LIST_LENGTH]
        )

    def forums(self):
        """Published forums, in the order editors arranged them."""
        from forums.models import ForumPage

        return (
            ForumPage.objects.live()
            .public()
            .descendant_of(self)
            .order_by("path")[:HOME_PAGE_LIST_LENGTH]
        )

    def consultation_index(self):
        """The first published consultation index below the home page, if any."""
        from consultations.models import ConsultationIndexPage

        return ConsultationIndexPage.objects.child_of(self).live().public().first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["consultation_index"] = self.consultation_index()
        context["open_consultations"] = list(self.open_consultations())
        context["forums"] = list(self.forums())
        return context


class StandardPage(Page):
    """A plain content page: how to take part, about the platform, discussion guides.

    Everyday, readable pages in every language (key action 7, "normalise the discussion").
    """

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences shown in bold under the title."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
