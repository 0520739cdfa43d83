"""Threads (a discussion, or a claim to check) and the posts that answer them.

Both are resident content (`engage.moderation.content.ResidentContent`); their earlier
texts are `PostRevision`s. Reads are on the querysets: `Thread.objects.visible_to(user)`.
"""

import hashlib

from django.apps import apps
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.moderation.content import (
    PUBLIC_STATUSES,
    ContentRevision,
    ResidentContent,
    ResidentContentQuerySet,
    visible_q,
)
from engage.realtime.groups import forum_thread_group

from .pages import ForumPage, Topic


def body_hash(text):
    """A digest of `text` with its white space folded: the same post sent twice."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


class ThreadKind(models.TextChoices):
    DISCUSSION = "discussion", _("Discussion")
    CLAIM = "claim", _("Claim to check")


class Verdict(models.TextChoices):
    ACCURATE = "accurate", _("Accurate")
    MISLEADING = "misleading", _("Misleading")
    FALSE = "false", _("False")
    UNPROVEN = "unproven", _("Unproven")
    NEEDS_CONTEXT = "needs_context", _("Needs context")


class ThreadQuerySet(ResidentContentQuerySet):
    """Reads of threads: `Thread.objects.visible_to(user).claims().with_verdict("false")`.

    `visible_to(user)` (shared by all resident content): published and withdrawn threads,
    the person's own awaiting moderation, and for moderators everything awaiting
    moderation."""

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
            Post.objects.filter(visible_q(user), thread_id=models.OuterRef("pk"))
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
        # By name: .fact_checks imports this module.
        HelpfulMark = apps.get_model("forums", "HelpfulMark")
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


class PostQuerySet(ResidentContentQuerySet):
    """Reads of posts; `visible_to(user)` as for threads."""

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

    def text_changed(self):
        """An edited post keeps the digest of its new text (duplicate checks)."""
        self.body_hash = body_hash(self.body_text)
        return ["body_hash"]


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
