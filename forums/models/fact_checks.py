"""Fact-checks: the facts about a claim (a verdict, an explanation and sources), every
version of them, and residents' "helpful" marks.

A revision is shown to the public only once a second reviewer (not its author) has
published it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.moderation.content import PUBLIC_STATUSES, ContentStatus, ResidentContent

from .threads import Thread, Verdict


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
