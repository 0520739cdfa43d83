"""Reads of consultation pages: their status at a moment (`ConsultationStatus`) and the
chainable queryset behind `ConsultationPage.objects` (`.open()`, `.with_outcome()`,
`.for_cards()`, `.in_status_order()`).
"""

from django.apps import apps
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

#: The rendition of a consultation's image on its card and at the top of its page
#: (16:9; the page shows it larger, from the same file).
CARD_IMAGE_SPEC = "fill-800x450"


class ConsultationStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    OUTCOME = "outcome", _("Outcome published")


class ConsultationPageQuerySet(PageQuerySet):
    """Reads of consultations by their status at a moment (now by default)."""

    def open(self, moment=None):
        """Consultations taking part in now: opened and not yet closed."""
        moment = moment or timezone.now()
        return self.filter(opens_at__lte=moment, closes_at__gt=moment)

    def upcoming(self, moment=None):
        """Consultations that have not opened yet."""
        return self.filter(opens_at__gt=moment or timezone.now())

    def closed(self, moment=None):
        """Consultations that have closed, whether or not their outcome is published."""
        return self.filter(closes_at__lte=moment or timezone.now())

    def with_outcome(self, moment=None):
        """Closed consultations whose outcome ("you said, we did") is published."""
        moment = moment or timezone.now()
        return self.closed(moment).filter(outcome_published_at__lte=moment)

    def with_status(self, status, moment=None):
        """Consultations in one `ConsultationStatus`."""
        return {
            ConsultationStatus.OPEN: self.open,
            ConsultationStatus.UPCOMING: self.upcoming,
            ConsultationStatus.CLOSED: self.closed,
            ConsultationStatus.OUTCOME: self.with_outcome,
        }[ConsultationStatus(status)](moment)

    def for_cards(self):
        """Everything a consultation card shows, in a fixed number of queries whatever
        the number of cards: area, policy area, the image with its card rendition
        (CARD_IMAGE_SPEC, two queries), and the counts of published comments
        (`published_comment_count`) and proposals (`proposal_count`)."""
        from wagtail.images import get_image_model

        from .comments import Comment, CommentStatus

        # By name: pages.py imports this module.
        Proposal = apps.get_model("consultations", "Proposal")

        def count(queryset, field):
            counted = (
                queryset.filter(**{field: models.OuterRef("pk")})
                .order_by()
                .values(field)
                .annotate(count=models.Count("pk"))
                .values("count")
            )
            return Coalesce(models.Subquery(counted, output_field=models.IntegerField()), 0)

        images = get_image_model().objects.prefetch_renditions(CARD_IMAGE_SPEC)
        return (
            self.select_related("area", "policy_area")
            .prefetch_related(models.Prefetch("image", queryset=images))
            .annotate(
                published_comment_count=count(
                    Comment.objects.filter(status=CommentStatus.PUBLISHED), "consultation_id"
                ),
                proposal_count=count(Proposal.objects.all(), "page_id"),
            )
        )

    def in_status_order(self, moment=None):
        """Open ones first (closing soonest), then upcoming (opening soonest), then closed."""
        moment = moment or timezone.now()
        return self.annotate(
            status_rank=models.Case(
                models.When(opens_at__gt=moment, then=models.Value(1)),
                models.When(closes_at__lte=moment, then=models.Value(2)),
                default=models.Value(0),
            )
        ).order_by("status_rank", "closes_at", "pk")


ConsultationPageManager = PageManager.from_queryset(ConsultationPageQuerySet)
