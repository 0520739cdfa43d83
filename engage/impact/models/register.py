"""The unintended-consequences register: what a policy or a consultation might cause
that nobody intended, how likely and how bad (1–5 each; score = likelihood × severity),
what mitigates it, who owns it and when it is next reviewed.

Categories follow a resilience framework's headings. Writes go through
`engage.impact.register.services`; reminders of reviews that are due go out from
`send_impact_reviews` (command and task).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

RATING_MIN = 1
RATING_MAX = 5


class ConsequenceCategory(models.TextChoices):
    SOCIAL_COHESION = "social_cohesion", _("Social cohesion")
    COMMUNITY_SAFETY = "community_safety", _("Community safety")
    ECONOMIC = "economic", _("Economic")
    TRUST = "trust", _("Trust in institutions")
    DISPLACEMENT = "displacement", _("Displacement to another area or group")
    ONLINE = "online", _("Online")


class ConsequenceStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MITIGATED = "mitigated", _("Mitigated, still watched")
    CLOSED = "closed", _("Closed")


def rating_field(name):
    return models.PositiveSmallIntegerField(
        name, validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)]
    )


class ConsequenceQuerySet(models.QuerySet):
    """Reads of the register."""

    def with_score(self):
        """Annotate `risk_score` (likelihood × severity) for ordering in SQL."""
        return self.annotate(risk_score=F("likelihood") * F("severity"))

    def under_review(self):
        """Consequences still reviewed: open or mitigated (not closed)."""
        return self.exclude(status=ConsequenceStatus.CLOSED)

    def overdue(self, today=None):
        """Reviews whose date has passed (before `today`, default the local date)."""
        today = today or timezone.localdate()
        return self.under_review().filter(review_date__lt=today)

    def due(self, today=None):
        """Reviews due today or overdue."""
        today = today or timezone.localdate()
        return self.under_review().filter(review_date__lte=today)

    def for_assessment(self, assessment):
        return self.filter(assessment_id=getattr(assessment, "pk", assessment))


class Consequence(models.Model):
    """One possible unintended consequence, of an assessment and/or a policy area."""

    assessment = models.ForeignKey(
        "impact.ImpactAssessment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consequences",
        verbose_name=_("impact assessment"),
    )
    policy_area = models.ForeignKey(
        "policy.PolicyArea",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consequences",
        verbose_name=_("policy area"),
    )
    description = models.TextField(_("possible consequence"))
    category = models.CharField(_("category"), max_length=20, choices=ConsequenceCategory.choices)
    likelihood = rating_field(_("likelihood (1–5)"))
    severity = rating_field(_("severity (1–5)"))
    mitigation = models.TextField(_("mitigation"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    review_date = models.DateField(_("next review"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ConsequenceStatus.choices,
        default=ConsequenceStatus.OPEN,
    )
    last_reminded_on = models.DateField(_("last reminded on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ConsequenceQuerySet.as_manager()

    class Meta:
        ordering = ["review_date", "pk"]
        verbose_name = _("unintended consequence")
        verbose_name_plural = _("unintended consequences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(assessment__isnull=False) | models.Q(policy_area__isnull=False),
                name="consequence_has_assessment_or_area",
            ),
            models.CheckConstraint(
                condition=models.Q(likelihood__gte=RATING_MIN, likelihood__lte=RATING_MAX)
                & models.Q(severity__gte=RATING_MIN, severity__lte=RATING_MAX),
                name="consequence_ratings_range",
            ),
        ]
        indexes = [models.Index(fields=["status", "review_date"], name="consequence_review_idx")]

    def __str__(self):
        return self.description[:80]

    @property
    def score(self):
        """Likelihood × severity, 1–25."""
        return self.likelihood * self.severity

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.status != ConsequenceStatus.CLOSED and self.review_date < today

    def days_overdue(self, today=None):
        """Whole days since the review date (0 when not yet due)."""
        today = today or timezone.localdate()
        return max((today - self.review_date).days, 0)
