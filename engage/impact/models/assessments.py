"""The 360° impact assessment: a grid of every community group of the chosen
dimensions × expected impact, drafted by staff, commented on and co-signed by the
community leaders of the session that framed the consultation, and versioned.

Written only through `engage.impact.services`; read through the querysets below.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

IMPACT_MIN, IMPACT_MAX = -2, 2


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("assessment status", "draft")
    IN_REVIEW = "in_review", pgettext_lazy("assessment status", "in review")
    SIGNED_OFF = "signed_off", pgettext_lazy("assessment status", "signed off")
    PUBLISHED = "published", pgettext_lazy("assessment status", "published")


class Confidence(models.TextChoices):
    LOW = "low", pgettext_lazy("confidence", "low")
    MEDIUM = "medium", pgettext_lazy("confidence", "medium")
    HIGH = "high", pgettext_lazy("confidence", "high")


IMPACT_CHOICES = [
    (-2, _("strongly negative (−2)")),
    (-1, _("negative (−1)")),
    (0, _("neutral (0)")),
    (1, _("positive (+1)")),
    (2, _("strongly positive (+2)")),
]


class ImpactAssessmentQuerySet(models.QuerySet):
    def for_subject(self, scope):
        return self.filter(subject_scope=str(scope))

    def published(self):
        return self.filter(status=AssessmentStatus.PUBLISHED)

    def led_by(self, user):
        return self.filter(leaders=user)


class ImpactAssessment(models.Model):
    """One assessment of a consultation (`subject_scope` "consultation:<id>") or of a
    policy decision without one (blank `subject_scope`, the policy area and title say
    what is assessed)."""

    subject_scope = models.CharField(_("subject"), max_length=80, blank=True, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    policy_area = models.ForeignKey(
        "policy.PolicyArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="impact_assessments",
        verbose_name=_("policy area"),
    )
    dimensions = models.ManyToManyField(
        "communities.Dimension", related_name="+", verbose_name=_("dimensions")
    )
    leaders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="led_impact_assessments",
        verbose_name=_("community leaders who co-sign"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = ImpactAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("impact assessment")
        verbose_name_plural = _("impact assessments")

    def __str__(self):
        return self.title

    @property
    def is_published(self):
        return self.status == AssessmentStatus.PUBLISHED


class ExpectedImpact(models.Model):
    """One row of the grid: the expected impact on one community group."""

    assessment = models.ForeignKey(ImpactAssessment, on_delete=models.CASCADE, related_name="rows")
    category = models.ForeignKey("communities.Category", on_delete=models.CASCADE, related_name="+")
    impact = models.SmallIntegerField(
        _("expected impact"),
        null=True,
        blank=True,
        choices=IMPACT_CHOICES,
        validators=[MinValueValidator(IMPACT_MIN), MaxValueValidator(IMPACT_MAX)],
        help_text=_("Leave empty when the impact is unknown."),
    )
    rationale = models.TextField(_("rationale"), blank=True)
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=8, choices=Confidence.choices, default=Confidence.LOW
    )
    directly_affected = models.BooleanField(_("directly affected"), default=False)
    wider_audience = models.BooleanField(_("wider audience"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category__dimension__sort_order", "category__sort_order", "category__pk"]
        verbose_name = _("expected impact")
        verbose_name_plural = _("expected impacts")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "category"], name="impact_one_row_per_group"
            ),
            models.CheckConstraint(
                condition=models.Q(impact__isnull=True)
                | models.Q(impact__gte=IMPACT_MIN, impact__lte=IMPACT_MAX),
                name="impact_expected_range",
            ),
        ]

    def __str__(self):
        return f"{self.assessment}: {self.category}"


class AssessmentVersion(models.Model):
    """A saved version of the grid (a JSON snapshot of every row), numbered 1, 2, …"""

    assessment = models.ForeignKey(
        ImpactAssessment, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(default=dict)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["assessment", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "number"], name="impact_one_version_number"
            )
        ]

    def __str__(self):
        return f"{self.assessment} v{self.number}"


class AssessmentComment(models.Model):
    """A comment by staff or a leader, on the whole assessment or on one group's row."""

    assessment = models.ForeignKey(
        ImpactAssessment, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(
        AssessmentVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    category = models.ForeignKey(
        "communities.Category",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("community group"),
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]


class AssessmentSignOff(models.Model):
    """A leader's answer on one version (the brief sign-off pattern)."""

    class Decision(models.TextChoices):
        APPROVE = "approve", pgettext_lazy("sign-off", "approve")
        DECLINE = "decline", pgettext_lazy("sign-off", "decline")

    assessment = models.ForeignKey(
        ImpactAssessment, on_delete=models.CASCADE, related_name="signoffs"
    )
    version = models.ForeignKey(
        AssessmentVersion, on_delete=models.CASCADE, related_name="signoffs"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    note = models.TextField(_("note"), blank=True)
    signed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "user"], name="impact_one_signoff_per_version"
            )
        ]
