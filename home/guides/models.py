"""Discussion guides (key action 7): an index below the home page and its guides.

A guide helps staff and partner organisations (public, private and third sector) talk
about polarisation, isolation and radicalisation as part of everyday work: its purpose,
the questions to ask, the key terms (linked to the agreed glossary), what to do and
what to avoid, and where to find further support. Every text field has a column per
language (home/guides/translation.py). The `audience` decides who may read it
(`home/guides/rules.py`); the page prints cleanly (guides/print.css).

Guides are shared with other cities as the exchange kind "guides"
(`home/guides/exchange.py`); an imported guide arrives as a draft with its `provenance`.
"""

import rules
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .audience import GuideAudience
from .blocks import QuestionsBlock, SupportBlock

LIST_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class DiscussionGuideIndexPage(Page):
    """The list of discussion guides, below the home page. Each reader sees the guides
    meant for them."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["guides.DiscussionGuidePage"]
    max_count = 1

    class Meta:
        verbose_name = _("discussion guide index")
        verbose_name_plural = _("discussion guide indexes")

    def guides_for(self, user):
        """The published guides below this index that `user` may read, in tree order."""
        from .rules import readable_audiences

        return (
            DiscussionGuidePage.objects.child_of(self)
            .live()
            .public()
            .filter(audience__in=readable_audiences(user))
            .order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = list(self.guides_for(request.user))
        return context


class DiscussionGuidePage(Page):
    """One printable discussion guide (see the module docstring)."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two plain sentences: when this guide helps."),
    )
    purpose = RichTextField(
        _("purpose"),
        features=LIST_FEATURES,
        blank=True,
        help_text=_("Why this conversation matters and what it should achieve."),
    )
    questions = StreamField(QuestionsBlock(), verbose_name=_("questions to ask"), blank=True)
    key_terms = models.TextField(
        _("key terms"),
        blank=True,
        help_text=_(
            "One glossary term per line, as it is written in the glossary. Each links to "
            "its agreed definition."
        ),
    )
    do = RichTextField(_("what to do"), features=LIST_FEATURES, blank=True)
    avoid = RichTextField(_("what to avoid"), features=LIST_FEATURES, blank=True)
    support = StreamField(SupportBlock(), verbose_name=_("further support"), blank=True)
    audience = models.CharField(
        _("audience"),
        max_length=16,
        choices=GuideAudience.choices,
        default=GuideAudience.EVERYONE,
        help_text=_("Who may read this guide."),
    )
    provenance = models.JSONField(
        _("provenance"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Where an imported guide came from (city, package, licence)."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("purpose"),
        FieldPanel("questions"),
        FieldPanel("key_terms"),
        MultiFieldPanel([FieldPanel("do"), FieldPanel("avoid")], heading=_("Do and avoid")),
        FieldPanel("support"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("purpose"),
        index.SearchField("questions"),
        index.FilterField("audience"),
    ]
    parent_page_types = ["guides.DiscussionGuideIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("discussion guide")
        verbose_name_plural = _("discussion guides")

    @property
    def is_imported(self):
        return bool(self.provenance)

    def key_term_names(self):
        """The key terms, one per line, blanks dropped."""
        return [line.strip() for line in (self.key_terms or "").splitlines() if line.strip()]

    def serve(self, request, *args, **kwargs):
        if not rules.test_rule("guides.read_guide", request.user, self):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .glossary import key_term_links

        context = super().get_context(request, *args, **kwargs)
        context["key_term_links"] = key_term_links(self.key_term_names())
        return context
