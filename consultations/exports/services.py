"""Writes for exports: starting a background export, running it, handing out its file
and deleting expired ones. Views, the API and tasks all call these.

Permissions are asked here too (rules "exports.export" and "exports.download"), so no
caller can forget them. Every file that leaves Engage is recorded with
`engage.policy.services.record_export` (who, their organisation, which consultation,
which format, when) before it is sent.
"""

import datetime
import logging
import os
import uuid
from pathlib import Path

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from engage.after_commit import on_commit_safely
from engage.policy.services import record_export
from engage.privatefiles import file_response, private_root

from . import data
from .models import CONTENT_TYPES, ExportFormat, ExportJob, ExportStatus

# Sent after the transaction that created an export job commits; `receivers.py` enqueues
# `tasks.run_export_job` (so this module does not import the tasks that call it).
export_started = Signal()

logger = logging.getLogger("engage.exports")

#: ExportRecord.kind of consultation exports.
EXPORT_KIND = "consultation_comments"

EXPIRED_MESSAGE = _(
    "This download link has expired and the file has been deleted. Start a new export "
    "from the consultation's summary page."
)
NOT_READY_MESSAGE = _("This export is not ready yet. Wait until the page says it is ready.")


class ExportExpired(Exception):
    """The job's download link is past its expiry; its file is gone."""


class ExportNotReady(Exception):
    """The job has not finished (or failed), so there is nothing to download."""


def export_root():
    """Where export files live: settings.EXPORT_ROOT, or PRIVATE_ROOT/exports (never
    under MEDIA_ROOT: the files are sent only by `download_response`)."""
    if settings.EXPORT_ROOT:
        return Path(settings.EXPORT_ROOT)
    return private_root() / "exports"


def file_path(job):
    return export_root() / job.file_name if job.file_name else None


def check_may_export(user, consultation):
    if not rules.test_rule("exports.export", user, consultation):
        raise PermissionDenied


def is_direct(consultation, export_format, rows=None):
    """True when this export is small enough to download at once (PDFs, made of
    aggregates, always are)."""
    if export_format == ExportFormat.PDF:
        return True
    rows = data.count_rows(consultation) if rows is None else rows
    return rows <= settings.EXPORT_DIRECT_MAX_ROWS


def language_or_default(language):
    try:
        return translation.get_supported_language_variant(language or "")
    except LookupError:
        return translation.get_language() or settings.LANGUAGE_CODE


def may_see_survey_texts(user):
    """Written survey answers are not public (unlike comments) and are not moderated, so
    only the city's own staff get them; partners get the counts."""
    from engage.accounts.rules import is_city_staff

    return is_city_staff(user)


def record_direct_export(user, consultation, export_format, rows):
    """Record a direct download (the caller sends the file in the same response)."""
    return record_export(
        user, EXPORT_KIND, f"consultation:{consultation.pk}", export_format, rows=rows
    )


def start_export(user, consultation, export_format, language=None):
    """Create a queued `ExportJob` for `user` and run it in the background once this
    transaction commits. Raises PermissionDenied unless "exports.export" allows it."""
    check_may_export(user, consultation)
    export_format = ExportFormat(export_format)
    with transaction.atomic():
        job = ExportJob.objects.create(
            requester=user,
            consultation=consultation,
            export_format=export_format,
            language=language_or_default(language),
            rows_total=data.count_rows(consultation),
        )
        job_id = str(job.pk)
        on_commit_safely(
            lambda: export_started.send(sender=ExportJob, job_id=job_id), "queue export job"
        )
    logger.info("export job %s queued: user=%s %s", job.pk, user.pk, job.scope)
    return job


def _write(job, path, progress):
    from .writers import csvfile, jsonfile, pdf, xlsx

    consultation = job.consultation
    texts = may_see_survey_texts(job.requester)
    if job.export_format == ExportFormat.XLSX:
        with open(path, "wb") as output:
            xlsx.write_xlsx(consultation, output, progress, survey_texts=texts)
    elif job.export_format == ExportFormat.PDF:
        path.write_bytes(pdf.report_pdf(consultation, job.language))
    else:
        chunks = (
            csvfile.csv_chunks(consultation, progress)
            if job.export_format == ExportFormat.CSV
            else jsonfile.json_chunks(
                consultation, progress, language=job.language, survey_texts=texts
            )
        )
        with open(path, "w", encoding="utf-8", newline="") as output:
            for chunk in chunks:
                output.write(chunk)


def run_export(job_id):
    """Build the file of a queued job (called by the task). Progress is saved as it
    goes; on success the link expires settings.EXPORT_LINK_HOURS later; on failure the
    job says so and keeps no file. Returns the job."""
    job = ExportJob.objects.select_related("consultation", "requester").filter(pk=job_id).first()
    if job is None or job.status != ExportStatus.QUEUED:
        return job
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.RUNNING, started_at=timezone.now()
    )
    root = export_root()
    root.mkdir(parents=True, exist_ok=True)
    name = f"{uuid.uuid4().hex}.{job.export_format}"
    partial = root / f"{name}.part"

    def progress(done):
        ExportJob.objects.filter(pk=job.pk).update(rows_done=done)

    try:
        with translation.override(job.language):
            _write(job, partial, progress)
        os.replace(partial, root / name)
    except Exception as exc:
        logger.exception("export job %s failed", job.pk)
        partial.unlink(missing_ok=True)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportStatus.FAILED, finished_at=timezone.now(), error=str(exc)[:1000]
        )
        job.refresh_from_db()
        return job
    finished = timezone.now()
    size = (root / name).stat().st_size
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.DONE,
        file_name=name,
        file_size=size,
        finished_at=finished,
        expires_at=finished + datetime.timedelta(hours=settings.EXPORT_LINK_HOURS),
    )
    job.refresh_from_db()
    if job.rows_done < job.rows_total and job.export_format != ExportFormat.PDF:
        # Comments withdrawn or hidden while it ran: the total follows what was written.
        ExportJob.objects.filter(pk=job.pk).update(rows_total=job.rows_done)
        job.rows_total = job.rows_done
    return job


def expire(job):
    """Delete the job's file and mark it expired."""
    path = file_path(job)
    if path is not None:
        path.unlink(missing_ok=True)
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.EXPIRED, file_name="")
    job.status, job.file_name = ExportStatus.EXPIRED, ""


def open_download(user, job):
    """The path of `user`'s finished job's file, recording the export first.

    Raises PermissionDenied (not the requester, or may no longer export), ExportExpired
    (past its expiry: the file is deleted now if it was not already) or ExportNotReady.
    """
    if not rules.test_rule("exports.download", user, job):
        raise PermissionDenied
    if job.status == ExportStatus.EXPIRED or job.has_expired():
        expire(job)
        raise ExportExpired
    path = file_path(job)
    if job.status != ExportStatus.DONE or path is None or not path.exists():
        raise ExportNotReady
    record_export(user, EXPORT_KIND, job.scope, job.export_format, job=job.pk, rows=job.rows_done)
    return path


def download_response(user, job):
    """The download response for `user`'s finished job (checked and audited by
    `open_download`; the bytes are sent by Django or the web server, see
    `engage.privatefiles`). Raises what `open_download` raises."""
    path = open_download(user, job)
    return file_response(
        path, filename=job.download_name, content_type=CONTENT_TYPES[job.export_format]
    )


def purge_expired_exports(moment=None):
    """Delete the files of every job past its expiry; returns how many jobs expired."""
    expired = 0
    for job in ExportJob.objects.past_expiry(moment).exclude(status=ExportStatus.EXPIRED):
        expire(job)
        expired += 1
    return expired
