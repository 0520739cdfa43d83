"""Consultation pages: the index that lists them, the consultation page itself (one
page in every language: translated fields, one comment thread), its proposals and
documents.

A consultation's status is derived from its opening and closing times. It names the
community groups it directly affects and its wider audience (key action 3), so
representation can be checked against both.
"""

import zlib

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.routable_page.models import path as subpage_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from engage.admin_widgets import ImageChooser
from engage.moderation.content import ModerationMode
from engage.realtime.groups import consultation_group
from home.blocks import BodyStreamBlock

from ..phases import consultation_phases
from .querysets import ConsultationPageManager, ConsultationStatus

# Consultations listed per page on a consultation index.
CONSULTATIONS_PER_PAGE = 12
#: How many colours the pattern of a consultation without an image comes in
#: (engage.css, .art--tone-0 … .art--tone-7).
ART_TONES = 8


class ConsultationIndexPage(Page):
    """Lists the consultations below it, filterable by status (?status=open), policy
    area (?policy_area=<slug>) and neighbourhood (?area=<code>), with a no-JS GET form."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]

    class Meta:
        verbose_name = _("consultation index")

    def route(self, request, path_components):
        """Find a consultation below this index in one query.

        Wagtail's `Page.route` reads the child as a plain page, then again as its specific
        class (two queries); the children of an index are all consultations, so it is
        read as one straight away, with its area (shown on the page). Anything else (this
        page itself, a slug that no consultation has) goes the usual way."""
        if path_components:
            child = (
                ConsultationPage.objects.child_of(self)
                .select_related("area")
                .filter(slug=path_components[0])
                .first()
            )
            if child is not None:
                # As Page.route does: the parent is known, treebeard need not read it.
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def published_consultations(self):
        return ConsultationPage.objects.child_of(self).live().public()

    def consultations(self, status=None, moment=None, *, policy_area=None, area=None):
        """Published consultations below this index: open first, then upcoming, then closed.

        `status` narrows the list to one `ConsultationStatus`; anything else lists all.
        `policy_area` (a slug) and `area` (an area code) narrow it further when given.
        """
        consultations = self.published_consultations().for_cards()
        if status in ConsultationStatus.values:
            consultations = consultations.with_status(status, moment)
        if policy_area:
            consultations = consultations.filter(policy_area__slug=policy_area)
        if area:
            consultations = consultations.filter(area__code=area)
        return consultations.in_status_order(moment)

    def filter_choices(self):
        """(policy areas, areas) that consultations below this index belong to."""
        from engage.communities.models import Area
        from engage.policy.models import PolicyArea

        below = self.published_consultations()
        return (
            list(PolicyArea.objects.filter(consultations__in=below).distinct().order_by("name")),
            list(Area.objects.filter(consultations__in=below).distinct().order_by("name")),
        )

    def get_context(self, request, *args, **kwargs):
        from urllib.parse import urlencode

        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        policy_areas, areas = self.filter_choices()
        status = request.GET.get("status", "")
        if status not in ConsultationStatus.values:
            status = ""
        # Unknown values are ignored, as an unknown status is: the full list shows.
        policy_area = request.GET.get("policy_area", "")
        if policy_area not in {choice.slug for choice in policy_areas}:
            policy_area = ""
        area = request.GET.get("area", "")
        if area not in {choice.code for choice in areas}:
            area = ""
        paginator = Paginator(
            self.consultations(status, policy_area=policy_area, area=area),
            CONSULTATIONS_PER_PAGE,
        )
        page_obj = paginator.get_page(request.GET.get("page"))
        others = [
            (key, value) for key, value in [("policy_area", policy_area), ("area", area)] if value
        ]
        context.update(
            {
                "status": status,
                "status_choices": ConsultationStatus.choices,
                "policy_area": policy_area,
                "policy_area_choices": policy_areas,
                "area": area,
                "area_choices": areas,
                "is_filtered": bool(status or others),
                # The status links keep the other filters; the pagination keeps them all.
                "other_filters_query": urlencode(others),
                "filter_query": urlencode(([("status", status)] if status else []) + others),
                "page_obj": page_obj,
                "consultations": page_obj.object_list,
            }
        )
        return context


class ConsultationPage(RoutablePageMixin, Page):
    """One consultation: what is proposed, when people can take part, and for whom.

    Routes (RoutablePageMixin): the page itself, and `outcome/`, the public "you said,
    we did" page once the outcome is published (404 before; staff and moderators can
    preview it). Open pages follow `/ws/consultations/<id>/` through
    `consultations/static/consultations/live.js`.
    """

    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("Two or three plain sentences: what is proposed and what you want to hear."),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)
    affected_groups = ParentalManyToManyField(
        "communities.Category",
        blank=True,
        related_name="consultations_affecting",
        verbose_name=_("directly affected groups"),
        help_text=_("The community groups this proposal changes things for most directly."),
    )
    wider_audience = ParentalManyToManyField(
        "communities.Category",
        blank=True,
        related_name="consultations_as_wider_audience",
        verbose_name=_("wider audience"),
        help_text=_(
            "Groups not directly affected whose views still matter, so the proposal is "
            "seen in its wider context."
        ),
    )
    excluded_groups = ParentalManyToManyField(
        "communities.Category",
        blank=True,
        related_name="consultations_excluding",
        verbose_name=_("not in scope"),
        help_text=_(
            "Groups this consultation is not for (not eligible or not in scope): "
            "representation reports neither expect them nor flag them as absent."
        ),
    )
    adults_only = models.BooleanField(
        _("adults only"),
        default=False,
        help_text=_("Leave children (ages 0–14) out of the representation reports."),
    )
    area = models.ForeignKey(
        "communities.Area",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("area"),
        help_text=_("The place this consultation is about; leave empty for the whole city."),
    )
    policy_area = models.ForeignKey(
        "policy.PolicyArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("policy area"),
    )
    moderation_mode = models.CharField(
        _("moderation"),
        max_length=4,
        choices=ModerationMode.choices,
        default=ModerationMode.PRE,
    )
    outcome = RichTextField(
        _("outcome"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        help_text=_(
            "You said, we did: what the city heard and what it will do. Shown once the "
            "consultation has closed and the outcome is published."
        ),
    )
    outcome_published_at = models.DateTimeField(
        _("outcome published at"),
        null=True,
        blank=True,
        help_text=_("Set when the outcome is published; leave empty while it is a draft."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image"),
        help_text=_(
            "Shown on the consultation's card and page. Without one, a pattern in the "
            "colours of its policy area is shown instead."
        ),
    )
    image_alt = models.CharField(
        _("image description"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it. Leave empty to use the "
            "image's title."
        ),
    )

    objects = ConsultationPageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        # Wagtail's image chooser without its inline script, which the admin's
        # Content-Security-Policy blocks (engage/admin_widgets.py).
        FieldPanel("image", widget=ImageChooser),
        FieldPanel("image_alt"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")])],
            heading=_("Dates"),
        ),
        FieldPanel("body"),
        InlinePanel("documents", heading=_("Documents"), label=_("Document")),
        InlinePanel("proposals", heading=_("Proposals"), label=_("Proposal")),
        MultiFieldPanel(
            [
                FieldPanel("area"),
                FieldPanel("policy_area"),
                FieldPanel("affected_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("wider_audience", widget=forms.CheckboxSelectMultiple),
                FieldPanel("adults_only"),
                FieldPanel("excluded_groups", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Who it is for"),
        ),
        FieldPanel("moderation_mode"),
        MultiFieldPanel(
            [FieldPanel("outcome"), FieldPanel("outcome_published_at")],
            heading=_("Outcome"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("The closing time must be after the opening time.")}
            )

    def excluded_category_ids(self):
        """Ids of the community groups representation reports leave out for this
        consultation: its groups not in scope and, when it is for adults only, the
        children's age groups (REPRESENTATION_ADULTS_ONLY_EXCLUDES)."""
        from engage.communities.models import Category

        ids = {category.pk for category in self.excluded_groups.all()}
        if self.adults_only:
            children = models.Q(pk__in=[])
            for item in settings.REPRESENTATION_ADULTS_ONLY_EXCLUDES:
                dimension, _sep, slug = item.rpartition(":")
                children |= models.Q(dimension__slug=dimension, slug=slug)
            ids.update(Category.objects.filter(children).values_list("pk", flat=True))
        return ids

    def status_at(self, moment=None):
        moment = moment or timezone.now()
        if moment < self.opens_at:
            return ConsultationStatus.UPCOMING
        if moment < self.closes_at:
            return ConsultationStatus.OPEN
        if self.outcome_published_at and self.outcome_published_at <= moment:
            return ConsultationStatus.OUTCOME
        return ConsultationStatus.CLOSED

    @property
    def status(self):
        return self.status_at()

    def phases(self, moment=None):
        """The timeline: announced → open → closed → outcome published
        (`consultations.phases`), the current one marked."""
        return consultation_phases(self, moment)

    @property
    def image_alt_text(self):
        """The image's text alternative: its description here, else its title."""
        if self.image_alt:
            return self.image_alt
        return self.image.title if self.image else ""

    @property
    def art_tone(self):
        """0–7: the colour of the pattern shown when there is no image, the same for
        every consultation of a policy area (or area, or the whole city). From the ids,
        so that no query is needed."""
        if self.policy_area_id:
            key = f"policy-area-{self.policy_area_id}"
        elif self.area_id:
            key = f"area-{self.area_id}"
        else:
            key = "city"
        return zlib.crc32(key.encode()) % ART_TONES

    @property
    def is_open(self):
        return self.status == ConsultationStatus.OPEN

    def live_group_name(self):
        """The channel-layer group of this consultation's open pages."""
        return consultation_group(self.pk)

    @property
    def outcome_is_public(self):
        return self.status == ConsultationStatus.OUTCOME

    def outcome_url(self):
        """The outcome page's URL (relative), whether or not it is public yet."""
        return (self.get_url() or "/").rstrip("/") + "/" + self.reverse_subpage("outcome")

    # `consultations.page_context`, plugged in by ConsultationsConfig.ready(): the page's
    # context reads comments, rules, following and the outcome, which import this module.
    page_context = None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        return self.page_context.page(self, request, context)

    @subpage_path("outcome/", name="outcome")
    def outcome_view(self, request):
        """You said, we did (`consultations.page_context.outcome`): 404 until the outcome
        is published, except for a staff preview."""
        return self.page_context.outcome(self, request)


def live_strings():
    """Translated strings for live.js (read from a json_script block, never inline JS).

    `%(author)s` stays a placeholder for the script to fill in.
    """
    return {
        "new_comment": str(_("New comment by %(author)s")),
        "new_reply": str(_("New reply by %(author)s")),
        "withdrawn": str(_("This comment was withdrawn by its author.")),
        "written_in": str(_("Written in %(language)s")),
        "edited": str(_("edited")),
        "reply": str(_("Reply")),
        "new_replies": str(_("New replies")),
        "page_updated": str(_("This page has been updated. Reload it to see the changes.")),
        "reload": str(_("Reload")),
        "languages": {code: str(name) for code, name in settings.LANGUAGES},
    }


class Proposal(Orderable):
    """One option put to residents inside a consultation, with its own comment thread."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(_("text"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    panels = [FieldPanel("title"), FieldPanel("body")]

    class Meta(Orderable.Meta):
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self):
        return self.title


class ConsultationDocument(Orderable):
    """A document residents can read before taking part: the plan, a map, a report."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    description = models.CharField(
        _("description"),
        max_length=255,
        blank=True,
        help_text=_("One line on what is in it, for example: the full plan, 24 pages."),
    )

    panels = [FieldPanel("document"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.document.title
