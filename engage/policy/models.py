"""Partner organisations and what they may see.

A partner agency (police, schools, a housing association…) has members and grants.
Each grant names a scope (`consultation:<id>`, `area:<code>`, `city`…) and what the
partner may do there; `engage.policy.rules` reads them, and every export is audited.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from engage.communities.scopes import Scope


class PartnerOrganisation(ClusterableModel):
    """An agency that works with the city and sees what its grants allow."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("code"), unique=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("is_active"),
        InlinePanel("grants", label=_("Data-sharing grants")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self):
        return self.name


class PartnerGrantQuerySet(models.QuerySet):
    def usable_by(self, user):
        """The grants that give `user` access now: those of the active partner
        organisations the user is a member of."""
        return self.filter(organisation__is_active=True, organisation__memberships__user=user)


class PartnerGrant(models.Model):
    """What a partner organisation may see or export in one scope."""

    class Access(models.TextChoices):
        VIEW_REPORTS = "view_reports", _("view aggregate reports")
        EXPORT = "export", _("view and export aggregate reports and summaries")

    organisation = ParentalKey(PartnerOrganisation, on_delete=models.CASCADE, related_name="grants")
    scope = models.CharField(
        _("scope"),
        max_length=80,
        help_text=_("consultation:<id>, forum:<id>, session:<id>, area:<code> or city"),
    )
    access = models.CharField(_("access"), max_length=20, choices=Access.choices)

    objects = PartnerGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("data-sharing grant")
        verbose_name_plural = _("data-sharing grants")

    def __str__(self):
        return f"{self.organisation}: {self.scope} ({self.get_access_display()})"

    def clean(self):
        Scope.parse(self.scope)


class PartnerMembership(models.Model):
    """A person who works for a partner organisation."""

    organisation = models.ForeignKey(
        PartnerOrganisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_memberships"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partner membership")
        verbose_name_plural = _("partner memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="unique_partner_member")
        ]

    def __str__(self):
        return f"{self.user} @ {self.organisation}"


class ExportRecordQuerySet(models.QuerySet):
    def for_scope(self, scope):
        """Exports of one scope (a `Scope` or its text)."""
        return self.filter(scope=str(scope))


class ExportRecord(models.Model):
    """One export that left Engage: who took it, when, of what, in which format.

    Written only by `engage.policy.services.record_export`, in the same request that
    builds the file; never edited (the admin shows it read-only). Holds no content of
    the export itself.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="export_records",
        verbose_name=_("exported by"),
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="export_records",
        verbose_name=_("partner organisation"),
    )
    kind = models.CharField(_("what"), max_length=64)
    scope = models.CharField(_("scope"), max_length=80)
    export_format = models.CharField(_("format"), max_length=16)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("exported at"), auto_now_add=True, db_index=True)

    objects = ExportRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export record")
        verbose_name_plural = _("export records")

    def __str__(self):
        return f"{self.kind} {self.scope} {self.export_format} ({self.created_at:%Y-%m-%d %H:%M})"


class PolicyArea(models.Model):
    """A field of city policy (housing, policing, education…) that consultations belong to.

    The policy × community matrix and polarisation-risk weights (key action 6) hang off
    these; consultations are filtered by them.
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("code"), unique=True)
    description = models.TextField(_("description"), blank=True)
    risk_weight = models.PositiveSmallIntegerField(
        _("polarisation-risk weight"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(5)],
        help_text=_(
            "0 (unlikely to influence polarisation) to 5 (very likely); "
            "leave empty while it has not been assessed."
        ),
    )
    risk_rationale = models.TextField(_("why this weight"), blank=True)
    risk_evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("Sources and links, one per line.")
    )
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_policy_areas",
        verbose_name=_("lead officer"),
    )
    partners = models.ManyToManyField(
        PartnerOrganisation,
        blank=True,
        related_name="policy_areas",
        verbose_name=_("partner agencies involved"),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("risk_weight"),
        FieldPanel("risk_rationale"),
        FieldPanel("risk_evidence"),
        FieldPanel("lead_officer"),
        FieldPanel("partners"),
    ]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(risk_weight__isnull=True) | models.Q(risk_weight__lte=5),
                name="policy_area_risk_weight_0_5",
            )
        ]
        verbose_name = _("policy area")
        verbose_name_plural = _("policy areas")

    def __str__(self):
        return self.name
