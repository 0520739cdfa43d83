"""Partner organisations, their members and the grants they hold.

A partner (police, schools, a housing association, a business, a charity…) has members
and grants. Each grant names a scope (`consultation:<id>`, `area:<code>`, `city`…) and
what the partner may do there, and belongs to an information-sharing agreement: a grant
gives access only while its agreement is in force (`PartnerGrant.objects.usable_by`).
"""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel

from engage.communities.scopes import Scope

from ..panels import PartnerGrantsPanel


class OrganisationType(models.TextChoices):
    PUBLIC = "public", _("public sector")
    PRIVATE = "private", _("private sector")
    THIRD = "third", _("third sector (voluntary and community)")
    OTHER = "other", _("other")


class PartnerOrganisation(ClusterableModel):
    """An organisation that works with the city (public, private or third sector) and
    sees what the grants of its agreements in force allow."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("code"), unique=True)
    organisation_type = models.CharField(
        _("type of organisation"),
        max_length=16,
        choices=OrganisationType.choices,
        default=OrganisationType.PUBLIC,
        blank=True,
        help_text=_("Public, private or third sector (empty: public sector)."),
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("organisation_type"),
        FieldPanel("description"),
        FieldPanel("is_active"),
        # Read-only: grants are edited on their agreement, where its lock applies.
        PartnerGrantsPanel(),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Forms written before organisation types existed send none: public sector.
        if not self.organisation_type:
            self.organisation_type = OrganisationType.PUBLIC
        super().save(*args, **kwargs)


class PartnerGrantQuerySet(models.QuerySet):
    def under_agreements_in_force(self, today=None):
        """Grants whose agreement is in force on `today` (default: today) and names
        the grant's organisation as a party. Computed in SQL on every read, so a
        withdrawn signature, a termination or an expiry ends access at once."""
        # Looked up by name: agreements.py imports this module (no import cycle).
        AgreementParty = apps.get_model("policy", "AgreementParty")
        InformationSharingAgreement = apps.get_model("policy", "InformationSharingAgreement")

        party = AgreementParty.objects.filter(
            agreement=OuterRef("agreement_id"), organisation=OuterRef("organisation_id")
        )
        return self.filter(
            Exists(party),
            agreement__in=InformationSharingAgreement.objects.in_force(today).values("pk"),
        )

    def usable_by(self, user, today=None):
        """The grants that give `user` access now: those of the active partner
        organisations the user is a member of, under an agreement in force today."""
        member = self.filter(organisation__is_active=True, organisation__memberships__user=user)
        return member.under_agreements_in_force(today or timezone.localdate())


class PartnerGrant(models.Model):
    """What a partner organisation may see or export in one scope, under one
    information-sharing agreement (a grant without one gives no access)."""

    class Access(models.TextChoices):
        VIEW_REPORTS = "view_reports", _("view aggregate reports")
        EXPORT = "export", _("view and export aggregate reports and summaries")

    organisation = ParentalKey(PartnerOrganisation, on_delete=models.CASCADE, related_name="grants")
    agreement = ParentalKey(
        "policy.InformationSharingAgreement",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="grants",
        verbose_name=_("information-sharing agreement"),
        help_text=_("The agreement that gives this access; without one it gives none."),
    )
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

    def covers(self, scope):
        """A `city` grant covers every scope; any other grant covers exactly its own."""
        try:
            granted = Scope.parse(self.scope)
            wanted = scope if isinstance(scope, Scope) else Scope.parse(str(scope))
        except ValidationError:  # a malformed scope covers nothing
            return False
        return granted.kind == "city" or granted == wanted


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
