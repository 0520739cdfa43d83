"""Export jobs: a consultation's comments and results, built in the background.

An export small enough (settings.EXPORT_DIRECT_MAX_ROWS) downloads at once and leaves no
job behind. A larger one becomes an `ExportJob`: a task (`tasks.run_export_job`) writes
the file under settings.EXPORT_ROOT (by default PRIVATE_ROOT/exports, outside MEDIA_ROOT)
with a random name that is never shown to anyone,
counting its rows as it goes so the status page can show progress. Only the person who
asked may download it, and only until `expires_at` (settings.EXPORT_LINK_HOURS); after
that the file is deleted. Every download is recorded by `engage.policy.services.record_export`.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExportFormat(models.TextChoices):
    CSV = "csv", _("CSV (one row per comment)")
    XLSX = "xlsx", _("Excel workbook (a sheet per proposal, and the survey results)")
    JSON = "json", _("JSON (for software)")
    PDF = "pdf", _("PDF report with charts")


CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.JSON: "application/json",
    ExportFormat.PDF: "application/pdf",
}


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready to download")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


class ExportJobQuerySet(models.QuerySet):
    def requested_by(self, user):
        """Jobs `user` asked for, newest first."""
        return self.filter(requester=user).order_by("-created_at")

    def past_expiry(self, moment=None):
        """Finished jobs whose download link has expired (their files may still exist)."""
        return self.filter(expires_at__lte=moment or timezone.now())


class ExportJob(models.Model):
    """One export built in the background. Holds no content itself; the file does.

    The id is a random UUID so job addresses cannot be guessed; the download view also
    insists that the person asking is `requester`.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="export_jobs",
        verbose_name=_("requested by"),
    )
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="export_jobs",
        verbose_name=_("consultation"),
    )
    export_format = models.CharField(_("format"), max_length=8, choices=ExportFormat.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    rows_total = models.PositiveIntegerField(_("rows to write"), default=0)
    file_name = models.CharField(_("file"), max_length=255, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")

    def __str__(self):
        return f"{self.export_format} export of consultation {self.consultation_id} ({self.pk})"

    @property
    def scope(self):
        return f"consultation:{self.consultation_id}"

    @property
    def is_finished(self):
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED, ExportStatus.EXPIRED)

    def has_expired(self, moment=None):
        return self.expires_at is not None and self.expires_at <= (moment or timezone.now())

    @property
    def percent(self):
        """Progress from 0 to 100 (100 once done)."""
        if self.status == ExportStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(100, round(100 * self.rows_done / self.rows_total))

    @property
    def download_name(self):
        """The file name the browser saves (no personal data in it)."""
        stamp = timezone.localtime(self.created_at).strftime("%Y%m%d-%H%M")
        return f"consultation-{self.consultation_id}-{stamp}.{self.export_format}"
