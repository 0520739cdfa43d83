"""Myth-busting forums (key action 2).

A `ForumIndexPage` lists the forums; a `ForumPage` is one moderated forum with an
introduction, posting guidelines and topics. Residents start `Thread`s in a forum: a
discussion, or a claim ("I heard that…", with where it was heard). Everyone replies with
`Post`s. Community leaders, city staff and partner members answer claims with
`FactCheck`s: a verdict, an explanation and sources. Every change to a fact-check is a
`FactCheckRevision`; a revision is shown to the public only once a second reviewer (not
its author) has published it.

Threads, posts and fact-checks are resident content: they carry a moderation `status`
(`engage.moderation.content.ContentStatus`), an `author`, `body_text` (what was typed)
and `body_html` (`sanitise(body_text)`, the only form ever shown), the `language` it was
written in and `created_at`. Write through `forums.services`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from engage.moderation.content import (
    PUBLIC_STATUSES,
    ContentRevision,
    ContentStatus,
    ModerationMode,
    ResidentContent,
)
from engage.realtime.groups import forum_thread_group
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

        from .blockers import BLOCKER_MESSAGES
        from .rules import start_thread_blocker

        context = super().get_context(request, *args, **kwargs)
        topics = list(self.topics.all())
        topic = next((t for t in topics if t.slug == request.GET.get("topic")), None)
        threads = Thread.objects.visible_to(request.user).filter(forum=self)
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


class ThreadKind(models.TextChoices):
    DISCUSSION = "discussion", _("Discussion")
    CLAIM = "claim", _("Claim to check")


class Verdict(models.TextChoices):
    ACCURATE = "accurate", _("Accurate")
    MISLEADING = "misleading", _("Misleading")
    FALSE = "false", _("False")
    UNPROVEN = "unproven", _("Unproven")
    NEEDS_CONTEXT = "needs_context", _("Needs context")


def _visible_q(user, prefix=""):
    from engage.accounts.rules import is_moderator

    shown = models.Q(**{f"{prefix}status__in": PUBLIC_STATUSES})
    if is_moderator(user):
        shown |= models.Q(**{f"{prefix}status": ContentStatus.PENDING})
    elif user is not None and user.is_authenticated:
        shown |= models.Q(
            **{f"{prefix}status": ContentStatus.PENDING, f"{prefix}author_id": user.pk}
        )
    return shown


class ThreadQuerySet(models.QuerySet):
    """Reads of threads: `Thread.objects.visible_to(user).claims().with_verdict("false")`."""

    def visible_to(self, user):
        """Threads `user` may see: published and withdrawn ones, the person's own awaiting
        moderation, and for moderators everything awaiting moderation."""
        return self.filter(_visible_q(user))

    def in_live_forums(self, user=None):
        """Threads in forums that are live and not restricted from `user` (Wagtail view
        restrictions; without a user, any restricted forum is left out)."""
        from engage.accounts.rules import without_hidden_pages

        return without_hidden_pages(self.filter(forum__live=True), user, "forum")

    def claims(self):
        return self.filter(kind=ThreadKind.CLAIM)

    def for_listing(self, user):
        """Author, topic and the number of posts `user` may see, in the same query."""
        posts = (
            Post.objects.filter(_visible_q(user), thread_id=models.OuterRef("pk"))
            .order_by()
            .values("thread_id")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.select_related("author", "topic", "forum").annotate(
            post_count=Coalesce(models.Subquery(posts, output_field=models.IntegerField()), 0)
        )

    def with_helpful_counts(self):
        """Annotate `helpful_count`: "helpful" marks on the thread's published fact-checks."""
        marks = (
            HelpfulMark.objects.filter(
                fact_check__thread_id=models.OuterRef("pk"),
                fact_check__published_revision__isnull=False,
            )
            .order_by()
            .values("fact_check__thread_id")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(
            helpful_count=Coalesce(models.Subquery(marks, output_field=models.IntegerField()), 0)
        )

    def pinned_first(self):
        return self.order_by("-is_pinned", "-last_activity_at", "-pk")

    def newest_first(self):
        return self.order_by("-created_at", "-pk")


class Thread(ResidentContent):
    """A conversation in a forum, opened by a resident: a discussion or a claim.

    A claim states what was heard (`title`, `body_text`) and where (`heard_where`).
    `verdict` mirrors the newest published fact-check, so the library can filter on it.
    Moderators lock a thread (no more posts), pin it (top of the list) or put it in slow
    mode (one post per `slow_mode_minutes` per person).
    """

    forum = models.ForeignKey(
        ForumPage, on_delete=models.CASCADE, related_name="threads", verbose_name=_("forum")
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="threads",
        verbose_name=_("topic"),
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=ThreadKind.choices, default=ThreadKind.DISCUSSION
    )
    title = models.CharField(_("title"), max_length=200)
    heard_where = models.CharField(_("where it was heard"), max_length=200, blank=True)
    verdict = models.CharField(_("verdict"), max_length=16, choices=Verdict.choices, blank=True)
    verdict_at = models.DateTimeField(_("verdict published at"), null=True, blank=True)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    slow_mode_minutes = models.PositiveSmallIntegerField(
        _("slow mode (minutes between posts per person)"), default=0
    )
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    client_token = models.UUIDField(_("form token"), null=True, blank=True, editable=False)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [
            models.Index(
                fields=["forum", "status", "last_activity_at"], name="forum_thread_list_idx"
            ),
            models.Index(fields=["kind", "status", "verdict"], name="forum_claim_library_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_token"], name="forum_thread_once_per_form"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def live(self):
        """Public: published (or withdrawn) in a published forum. Anything else is
        answered as if it did not exist (the WebSocket refuses it with 4404)."""
        return self.status in PUBLIC_STATUSES and self.forum.live

    @property
    def is_claim(self):
        return self.kind == ThreadKind.CLAIM

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("forums:thread", kwargs={"pk": self.pk})

    def live_group_name(self):
        return forum_thread_group(self.pk)

    def published_fact_checks(self):
        """Fact-checks with a published revision, newest publication first."""
        return (
            self.fact_checks.filter(status__in=PUBLIC_STATUSES, published_revision__isnull=False)
            .select_related(
                "published_revision",
                "published_revision__author",
                "published_revision__reviewed_by",
                "author",
            )
            .annotate(helpful_count=models.Count("helpful_marks", distinct=True))
            .order_by("-published_revision__published_at", "-pk")
        )


class PostQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Posts `user` may see (as `ThreadQuerySet.visible_to`)."""
        return self.filter(_visible_q(user))

    def in_order(self):
        return self.order_by("created_at", "pk")


class Post(ResidentContent):
    """A reply in a thread; `follow_up_to` marks a question about a fact-check."""

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="posts", verbose_name=_("thread")
    )
    follow_up_to = models.ForeignKey(
        "FactCheck",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("follow-up to fact-check"),
    )
    body_hash = models.CharField(max_length=64, editable=False, blank=True)
    client_token = models.UUIDField(_("form token"), null=True, blank=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [
            models.Index(fields=["thread", "status", "created_at"], name="forum_post_thread_idx"),
            models.Index(fields=["thread", "author", "created_at"], name="forum_post_author_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_token"], name="forum_post_once_per_form"
            )
        ]

    def __str__(self):
        return _("Post %(number)s") % {"number": self.pk}

    def get_absolute_url(self):
        return f"{self.thread.get_absolute_url()}#post-{self.pk}"


class PostRevision(ContentRevision):
    """An earlier text of an edited post or thread opening, deleted on withdrawal."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )

    class Meta(ContentRevision.Meta):
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")


class FactCheckQuerySet(models.QuerySet):
    def published(self):
        """Fact-checks the public may see: a published revision, not moderated away."""
        return self.filter(status__in=PUBLIC_STATUSES, published_revision__isnull=False)

    def awaiting_review(self):
        """Fact-checks whose newest revision is not published yet."""
        return self.filter(status__in=[ContentStatus.PUBLISHED, ContentStatus.PENDING]).exclude(
            published_revision=models.F("latest_revision")
        )


class FactCheck(ResidentContent):
    """The facts about a claim: a verdict, an explanation (`body_text`) and sources.

    The fields here are the published revision's (the newest one a second reviewer
    published), or the newest revision's while none is published; reviewers see the
    newest revision, `latest_revision`.
    """

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="fact_checks", verbose_name=_("claim")
    )
    verdict = models.CharField(_("verdict"), max_length=16, choices=Verdict.choices)
    latest_revision = models.ForeignKey(
        "FactCheckRevision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_revision = models.ForeignKey(
        "FactCheckRevision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = FactCheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("fact-check")
        verbose_name_plural = _("fact-checks")

    def __str__(self):
        return _("Fact-check %(number)s") % {"number": self.pk}

    def get_absolute_url(self):
        return f"{self.thread.get_absolute_url()}#fact-check-{self.pk}"

    @property
    def is_awaiting_review(self):
        return self.latest_revision_id != self.published_revision_id


class FactCheckRevision(models.Model):
    """One version of a fact-check, kept for the history; `sources` is a list of
    `{"title", "url"}` (http and https only). Published once `reviewed_by` approved it."""

    fact_check = models.ForeignKey(FactCheck, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    verdict = models.CharField(_("verdict"), max_length=16, choices=Verdict.choices)
    body_text = models.TextField(_("explanation"))
    body_html = models.TextField(_("explanation as HTML"))
    sources = models.JSONField(_("sources"), default=list)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["fact_check", "number"]
        verbose_name = _("fact-check revision")
        verbose_name_plural = _("fact-check revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["fact_check", "number"], name="forum_factcheck_revision_number"
            )
        ]

    @property
    def author_name(self):
        return self.author.public_name if self.author else _("Former member")

    @property
    def reviewer_name(self):
        return self.reviewed_by.public_name if self.reviewed_by else ""


class HelpfulMark(models.Model):
    """A resident found a fact-check helpful (once per person)."""

    fact_check = models.ForeignKey(
        FactCheck, on_delete=models.CASCADE, related_name="helpful_marks"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("helpful mark")
        verbose_name_plural = _("helpful marks")
        constraints = [
            models.UniqueConstraint(fields=["fact_check", "user"], name="forum_helpful_once")
        ]


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
