"""The export audit trail: every file that leaves Engage, and the agreement it left under."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .partners import PartnerOrganisation


class ExportRecordQuerySet(models.QuerySet):
    def for_scope(self, scope):
        """Exports of one scope (a `Scope` or its text)."""
        return self.filter(scope=str(scope))

    def under_agreement(self, agreement):
        """Exports a partner made under `agreement` (its grants or its information
        requests)."""
        return self.filter(agreement=agreement)


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
    agreement = models.ForeignKey(
        "policy.InformationSharingAgreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="export_records",
        verbose_name=_("under the agreement"),
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
