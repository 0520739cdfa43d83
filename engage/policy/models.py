"""Partner organisations and what they may see.

A partner agency (police, schools, a housing association…) has members and grants.
Each grant names a scope (`consultation:<id>`, `area:<code>`, `city`…) and what the
partner may do there; `engage.policy.rules` reads them, and every export is audited.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel


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

    class Meta:
        verbose_name = _("data-sharing grant")
        verbose_name_plural = _("data-sharing grants")

    def __str__(self):
        return f"{self.organisation}: {self.scope} ({self.get_access_display()})"

    def clean(self):
        from engage.communities.scopes import Scope

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
