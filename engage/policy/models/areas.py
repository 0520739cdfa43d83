"""Policy areas: the fields of city policy that consultations are filed under."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .partners import PartnerOrganisation


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
