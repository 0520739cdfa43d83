"""The audit of access under agreements: one row per successful request in which a
partner's access decision rested on a grant of an agreement.

Written only by `engage.policy.middleware.AgreementAccessMiddleware` (see
`engage.policy.access_log`); never edited. Exports are in `ExportRecord`, with their
agreement.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .agreements import InformationSharingAgreement
from .partners import PartnerOrganisation


class AgreementAccessQuerySet(models.QuerySet):
    def for_agreement(self, agreement):
        """The accesses made under `agreement`, newest first, with who and which
        organisation loaded."""
        return (
            self.filter(agreement=agreement)
            .select_related("user", "organisation")
            .order_by("-created_at", "-pk")
        )


class AgreementAccess(models.Model):
    """A partner member read something (a report, a dashboard, an API answer) that a
    grant of `agreement` let them see."""

    agreement = models.ForeignKey(
        InformationSharingAgreement,
        on_delete=models.PROTECT,
        related_name="accesses",
        verbose_name=_("agreement"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="agreement_accesses",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.SET_NULL,
        null=True,
        related_name="agreement_accesses",
        verbose_name=_("partner organisation"),
    )
    scope = models.CharField(_("grant scope"), max_length=80)
    access = models.CharField(_("access"), max_length=20)
    method = models.CharField(_("method"), max_length=8)
    path = models.CharField(_("address"), max_length=500)
    status_code = models.PositiveSmallIntegerField(_("answer"))
    created_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    objects = AgreementAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("access under an agreement")
        verbose_name_plural = _("accesses under agreements")

    def __str__(self):
        return f"{self.agreement_id} {self.user_id} {self.method} {self.path}"
