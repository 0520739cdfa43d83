"""Forum pages: the index of forums, one forum (its introduction, posting guidelines,
moderation mode and topics), and the record that someone accepted a forum's guidelines."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from engage.moderation.content import ModerationMode
from home.blocks import PARAGRAPH_FEATURES

# Slugs a forum page may not take: forums/urls.py serves these paths below /forums/.
RESERVED_FORUM_SLUGS = frozenset({"library", "threads", "posts", "fact-checks"})

THREADS_PER_PAGE = 20
POSTS_PER_PAGE = 30


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
    """One moderated forum: what it is for, the rules everyone posts by, its topics.

    Threads hang off it (`threads`); the page lists them, pinned first, then by latest
    activity, filterable by topic (?topic=<slug>).
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    posting_guidelines = RichTextField(
        _("posting guidelines"),
        blank=True,
        features=PARAGRAPH_FEATURES,
        help_text=_("The house rules, in plain words: what is welcome and what is removed."),
    )
    moderation_mode = models.CharField(
        _("moderation"),
        max_length=4,
        choices=ModerationMode.choices,
        default=ModerationMode.POST,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("posting_guidelines"),
        InlinePanel("topics", heading=_("Topics"), label=_("Topic")),
        FieldPanel("moderation_mode"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["forums.ForumIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")

    def clean(self):
        super().clean()
        if self.slug in RESERVED_FORUM_SLUGS:
            raise ValidationError(
                {
                    "slug": _(
                        "“%(slug)s” is used by the forums themselves. Please choose another slug."
                    )
                    % {"slug": self.slug}
                }
            )

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        from ..blockers import BLOCKER_MESSAGES
        from ..rules import start_thread_blocker

        context = super().get_context(request, *args, **kwargs)
        topics = list(self.topics.all())
        topic = next((t for t in topics if t.slug == request.GET.get("topic")), None)
        threads = self.threads.visible_to(request.user)
        if topic is not None:
            threads = threads.filter(topic=topic)
        threads = threads.for_listing(request.user).pinned_first()
        page_obj = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
        blocker = start_thread_blocker(request.user, self)
        context.update(
            {
                "topics": topics,
                "topic": topic,
                "page_obj": page_obj,
                "threads": page_obj.object_list,
                "start_thread_blocker": blocker,
                "start_thread_blocker_message": BLOCKER_MESSAGES.get(blocker),
            }
        )
        return context


class Topic(Orderable):
    """A subject within a forum (housing, funding, safety…), chosen when starting a thread."""

    forum = ParentalKey(ForumPage, on_delete=models.CASCADE, related_name="topics")
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(Orderable.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["forum", "slug"], name="forum_topic_unique_slug")
        ]

    def __str__(self):
        return self.name


class GuidelinesAcceptance(models.Model):
    """A person accepted a forum's posting guidelines before their first post there."""

    forum = models.ForeignKey(
        ForumPage, on_delete=models.CASCADE, related_name="guideline_acceptances"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("posting guidelines acceptance")
        verbose_name_plural = _("posting guidelines acceptances")
        constraints = [
            models.UniqueConstraint(fields=["forum", "user"], name="forum_guidelines_once")
        ]
