"""Tables of tension assessments.

A partner agency's `Assessment` of one area for one period holds the current level,
trend, indicators seen, context, confidence and sources. Every save through
`services.submit_assessment` / `services.revise_assessment` writes a new
`AssessmentVersion` (the full history, never edited) and an `AuditEntry`. The indicator
list (`TensionIndicator`) is a snippet staff edit, seeded by a data migration.

Assessments are never public: `rules.py` lets city staff and members of partners with
a grant for the area see them.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from engage.communities.models import Area
from engage.policy.models import PartnerOrganisation


class TensionIndicator(models.Model):
    """One kind of sign an assessor can tick (incidents, rumours…). Staff keep the list;
    a retired indicator is made inactive rather than deleted, so history keeps its name."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("offered"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("tension indicator")
        verbose_name_plural = _("tension indicators")

    def __str__(self):
        return self.name


class Level(models.IntegerChoices):
    NORMAL = 1, _("1 – normal")
    RAISED = 2, _("2 – raised")
    ELEVATED = 3, _("3 – elevated")
    HIGH = 4, _("4 – high")
    SERIOUS = 5, _("5 – serious")


class Trend(models.TextChoices):
    RISING = "rising", _("rising")
    STABLE = "stable", _("stable")
    FALLING = "falling", _("falling")


class Confidence(models.TextChoices):
    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")


class AssessmentQuerySet(models.QuerySet):
    def in_areas(self, codes):
        """Assessments of the areas with these codes."""
        return self.filter(area__code__in=list(codes))

    def visible_to(self, user):
        """The assessments `user` may see (`rules.visible_area_codes`)."""
        from .rules import visible_area_codes

        codes = visible_area_codes(user)
        return self if codes is None else self.filter(area__code__in=codes)

    def overlapping(self, since, until):
        """Assessments whose period overlaps the dates `since`..`until` (inclusive)."""
        return self.filter(period_start__lte=until, period_end__gte=since)


class Assessment(models.Model):
    """A partner's current assessment of one area for one period (see module docstring)."""

    organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        related_name="tension_assessments",
        verbose_name=_("partner organisation"),
    )
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="tension_assessments", verbose_name=_("area")
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    level = models.PositiveSmallIntegerField(
        _("level"),
        choices=Level.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    trend = models.CharField(_("trend"), max_length=10, choices=Trend.choices)
    indicators = models.ManyToManyField(
        TensionIndicator, blank=True, related_name="+", verbose_name=_("indicators seen")
    )
    context = models.TextField(_("context"), blank=True)
    confidence = models.CharField(_("confidence"), max_length=10, choices=Confidence.choices)
    sources = models.TextField(_("sources"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "area__name"]
        verbose_name = _("tension assessment")
        verbose_name_plural = _("tension assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "area", "period_start", "period_end"],
                name="tension_one_assessment_per_partner_area_period",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="tension_period_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="tension_level_1_to_5"
            ),
        ]
        indexes = [models.Index(fields=["area", "period_start", "period_end"])]

    def __str__(self):
        return f"{self.area} {self.period_start}–{self.period_end}: {self.level}"


class AssessmentVersion(models.Model):
    """One saved state of an assessment: version 1 is what was submitted, each edit adds
    the next. Indicators are kept by code and name as they were then."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    trend = models.CharField(_("trend"), max_length=10, choices=Trend.choices)
    indicators = models.JSONField(_("indicators seen"), default=list)
    context = models.TextField(_("context"), blank=True)
    confidence = models.CharField(_("confidence"), max_length=10, choices=Confidence.choices)
    sources = models.TextField(_("sources"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        ordering = ["assessment", "-number"]
        verbose_name = _("tension assessment version")
        verbose_name_plural = _("tension assessment versions")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "number"], name="tension_unique_version_number"
            )
        ]

    def __str__(self):
        return f"{self.assessment_id} v{self.number}"


class AuditEntry(models.Model):
    """Who did what to which assessment, when: append-only."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        REVISED = "revised", _("revised")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="audit_entries"
    )
    version = models.PositiveIntegerField(_("version"))
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    organisation = models.ForeignKey(
        PartnerOrganisation, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    changes = models.JSONField(_("changed fields"), default=list)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("tension audit entry")
        verbose_name_plural = _("tension audit entries")

    def __str__(self):
        return f"{self.action} {self.assessment_id} v{self.version}"
