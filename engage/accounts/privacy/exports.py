""" "Download my data": a JSON file of everything Engage holds about one person.

The file is assembled from the sections the apps registered (`registry`). A person with
up to settings.PRIVACY_EXPORT_DIRECT_MAX_RECORDS records gets it at once; a larger one is
built by a background task into PRIVATE_ROOT/personal-data and can be downloaded by that
person only, until settings.PRIVACY_EXPORT_LINK_HOURS after it was made. Every download
is recorded with `engage.policy.services.record_export` (kind "personal_data").
"""

import datetime
import json
import logging
import os
import uuid

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from engage.accounts.models import PersonalDataExport, PersonalDataExportStatus
from engage.after_commit import on_commit_safely
from engage.policy.services import record_export
from engage.privatefiles import file_response, private_dir, private_root

from . import registry

logger = logging.getLogger("engage.privacy")

#: ExportRecord.kind of personal data downloads.
EXPORT_KIND = "personal_data"
FORMAT_VERSION = "engage-personal-data/1"
CONTENT_TYPE = "application/json"
FOLDER = "personal-data"


class DownloadUnavailable(Exception):
    """The file is expired, failed or not ready; the message says which."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


def _account(user):
    return {
        "id": user.pk,
        "email": user.email,
        "display_name": user.display_name,
        "preferred_language": user.preferred_language,
        "date_joined": registry.plain(user.date_joined),
        "last_login": registry.plain(user.last_login),
        "is_active": user.is_active,
        "groups": sorted(user.groups.values_list("name", flat=True)),
    }


def personal_data(user):
    """Everything about `user`, as a JSON-able dict (sections in registry order)."""
    return {
        "format": FORMAT_VERSION,
        "generated_at": timezone.now().isoformat(),
        "account": _account(user),
        "sections": {
            section.key: {"title": str(section.label), "data": section.dump(user)}
            for section in registry.sections()
        },
    }


def record_count(user):
    """How many rows the download would hold (to choose between at once and a task)."""
    return sum(section.count(user) for section in registry.sections())


def is_direct(user):
    return record_count(user) <= settings.PRIVACY_EXPORT_DIRECT_MAX_RECORDS


def _check(user):
    if not rules.test_rule("accounts.manage_own_data", user):
        raise PermissionDenied


def _as_bytes(user):
    return json.dumps(personal_data(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def direct_download(user):
    """The JSON document for `user`, recorded as an export (the caller sends it)."""
    _check(user)
    document = _as_bytes(user)
    record_export(user, EXPORT_KIND, f"user:{user.pk}", "json")
    return document


def start_download(user):
    """Queue a background build of `user`'s file; the task runs after commit."""
    _check(user)
    with transaction.atomic():
        job = PersonalDataExport.objects.create(user=user)
        job_id = str(job.pk)
        on_commit_safely(lambda: _enqueue(job_id), "queue a personal-data file")
    return job


# Sent after the transaction that created a download job commits; `receivers.py`
# enqueues `tasks.build_personal_data_task` (this module does not import the tasks).
download_started = Signal()


def _enqueue(job_id):
    try:
        download_started.send(sender=PersonalDataExport, job_id=job_id)
    except Exception:
        # The job stays queued and the page says so; the daily task builds it.
        logger.exception("Could not enqueue the personal data build %s", job_id)


def folder():
    return private_root() / FOLDER


def file_path(job):
    return folder() / job.file_name if job.file_name else None


def build(job_id):
    """Write the file of a queued job (called by the task); returns the job."""
    job = PersonalDataExport.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.status != PersonalDataExportStatus.QUEUED:
        return job
    target = private_dir(FOLDER)
    name = f"{uuid.uuid4().hex}.json"
    partial = target / f"{name}.part"
    try:
        partial.write_text(_as_bytes(job.user), encoding="utf-8")
        os.replace(partial, target / name)
    except Exception as exc:
        logger.exception("personal data build %s failed", job.pk)
        partial.unlink(missing_ok=True)
        PersonalDataExport.objects.filter(pk=job.pk).update(
            status=PersonalDataExportStatus.FAILED, finished_at=timezone.now(), error=str(exc)
        )
        job.refresh_from_db()
        return job
    finished = timezone.now()
    PersonalDataExport.objects.filter(pk=job.pk).update(
        status=PersonalDataExportStatus.DONE,
        file_name=name,
        file_size=(target / name).stat().st_size,
        finished_at=finished,
        expires_at=finished + datetime.timedelta(hours=settings.PRIVACY_EXPORT_LINK_HOURS),
    )
    job.refresh_from_db()
    return job


def expire(job):
    path = file_path(job)
    if path is not None:
        path.unlink(missing_ok=True)
    PersonalDataExport.objects.filter(pk=job.pk).update(
        status=PersonalDataExportStatus.EXPIRED, file_name=""
    )
    job.status, job.file_name = PersonalDataExportStatus.EXPIRED, ""


def download_response(user, job):
    """The file of `user`'s own finished job, recorded as an export.

    Raises PermissionDenied (not theirs) or DownloadUnavailable (expired: the file is
    deleted now; failed; or not ready yet)."""
    if not rules.test_rule("accounts.download_personal_data", user, job):
        raise PermissionDenied
    if job.status == PersonalDataExportStatus.EXPIRED or job.has_expired():
        expire(job)
        raise DownloadUnavailable(PersonalDataExportStatus.EXPIRED)
    path = file_path(job)
    if job.status != PersonalDataExportStatus.DONE or path is None or not path.exists():
        raise DownloadUnavailable(job.status)
    record_export(user, EXPORT_KIND, f"user:{user.pk}", "json", job=job.pk)
    return file_response(path, filename=job.download_name, content_type=CONTENT_TYPE)


def build_stalled(moment=None, after=datetime.timedelta(hours=1)):
    """Build the files of jobs still queued an hour after they were asked for (their task
    was lost: the worker was down or enqueueing failed); returns how many were built."""
    moment = moment or timezone.now()
    stalled = PersonalDataExport.objects.filter(
        status=PersonalDataExportStatus.QUEUED, created_at__lt=moment - after
    ).values_list("pk", flat=True)
    return sum(1 for pk in list(stalled) if build(pk) is not None)


def purge_expired(moment=None):
    """Delete the files of personal data downloads past their expiry; returns how many."""
    moment = moment or timezone.now()
    expired = 0
    for job in PersonalDataExport.objects.filter(expires_at__lte=moment).exclude(
        status=PersonalDataExportStatus.EXPIRED
    ):
        expire(job)
        expired += 1
    return expired
