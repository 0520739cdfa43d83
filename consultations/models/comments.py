"""Threaded comments on consultations and their proposals, and the earlier texts of
edited comments. Written through `consultations.services`."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from engage.moderation.content import (
    ContentRevision,
    ContentStatus,
    ResidentContent,
    ResidentContentQuerySet,
)

# Comments share the moderation statuses of all resident content.
CommentStatus = ContentStatus


# Replies nest up to three levels: a comment (depth 0), a reply, a reply to that.
MAX_COMMENT_DEPTH = 2


class CommentQuerySet(ResidentContentQuerySet):
    """Reads of comments; chain them: `.visible_to(user).for_proposal(p).top_level()`.
    `visible_to` is the rule of all resident content: published and withdrawn comments
    (withdrawn ones show as a placeholder, so their replies keep their place), the
    person's own awaiting moderation and, for moderators, everything awaiting it."""

    def top_level(self):
        """First-level comments, not replies."""
        return self.filter(parent__isnull=True)

    def for_consultation(self, consultation):
        return self.filter(consultation_id=getattr(consultation, "pk", consultation))

    def for_proposal(self, proposal):
        """Comments on `proposal`; None means the general discussion (no proposal)."""
        if proposal is None:
            return self.filter(proposal__isnull=True)
        return self.filter(proposal_id=getattr(proposal, "pk", proposal))

    def with_reply_counts(self, user):
        """Annotate `reply_count`: direct replies `user` may see, in the same query."""
        replies = (
            Comment.objects.visible_to(user)
            .filter(parent_id=models.OuterRef("pk"))
            .order_by()
            .values("parent_id")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(
            reply_count=Coalesce(models.Subquery(replies, output_field=models.IntegerField()), 0)
        )

    def with_reported(self, user):
        """Annotate `reported`: has `user` reported the comment? (Their card then says
        so instead of offering the report link.) False for anonymous visitors."""
        if user is None or not user.is_authenticated:
            return self.annotate(reported=models.Value(False))
        return self.annotate(
            reported=models.Exists(reports_by(user).filter(object_id=models.OuterRef("pk")))
        )

    def newest_first(self):
        return self.order_by("-created_at", "-pk")


def reports_by(user):
    """`user`'s reports of comments (moderation reports name their content generically)."""
    from django.contrib.contenttypes.models import ContentType

    from engage.moderation.models import Report

    return Report.objects.filter(
        reporter_id=user.pk, content_type=ContentType.objects.get_for_model(Comment)
    )


class Comment(ResidentContent):
    """A resident's comment on a consultation, on one of its proposals, or a reply.

    `body_text` is what the author typed; `body_html` is `sanitise(body_text)` and the
    only form ever shown. Write through `consultations.services`, which validates,
    records participation and broadcasts.
    """

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("consultation"),
    )
    proposal = models.ForeignKey(
        "consultations.Proposal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("proposal"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    depth = models.PositiveSmallIntegerField(
        _("depth"), default=0, validators=[MaxValueValidator(MAX_COMMENT_DEPTH)]
    )
    # Redeclared from ResidentContent for its reverse accessor, `user.comments`.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="comments",
        verbose_name=_("author"),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(
                fields=["consultation", "parent", "status", "created_at"],
                name="comment_thread_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(depth__lte=MAX_COMMENT_DEPTH), name="comment_depth_max"
            )
        ]

    def __str__(self):
        return _("Comment %(number)s") % {"number": self.pk}


class CommentRevision(ContentRevision):
    """An earlier text of an edited comment, kept until the comment is withdrawn."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")

    class Meta(ContentRevision.Meta):
        verbose_name = _("comment revision")
        verbose_name_plural = _("comment revisions")
