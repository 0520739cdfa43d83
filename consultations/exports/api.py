"""Exports through the API (mounted in engage/api.py under /api/v1/consultations/).

- `POST /consultations/{id}/exports/` `{"format": "csv"|"xlsx"|"json"|"pdf",
  "language": "en"}`: starts a background export (whatever its size) and answers 202
  with the job's id, status and the URL to poll;
- `GET /consultations/{id}/exports/{job_id}`: the job's status and progress;
- `GET /consultations/{id}/exports/{job_id}/file`: the file, once ready, until it expires.

Only city staff, or partners with an export grant for the consultation, with two-factor
authentication (rule "exports.export"); a job is visible only to whoever asked for it.
"""

import uuid

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from consultations.models import ConsultationPage
from engage.apikit import ErrorOut

from . import services
from .admin_views import job_status_data
from .models import ExportFormat, ExportJob

router = Router(tags=["exports"])


class ExportIn(Schema):
    format: ExportFormat
    language: str | None = None


class ExportJobOut(Schema):
    id: str
    status: str
    status_label: str
    format: str
    rows_done: int
    rows_total: int
    percent: int
    expires_at: str | None = None
    download_url: str | None = None
    error: str | None = None
    status_url: str


def _job_out(request, job):
    download = reverse(
        "api-v1:consultation_export_file",
        kwargs={"consultation_id": job.consultation_id, "job_id": job.pk},
    )
    status_url = reverse(
        "api-v1:consultation_export_status",
        kwargs={"consultation_id": job.consultation_id, "job_id": job.pk},
    )
    return {**job_status_data(job, download), "status_url": status_url}


def _job_for(request, consultation_id, job_id):
    job = ExportJob.objects.filter(
        pk=job_id, consultation_id=consultation_id, requester_id=request.user.pk
    ).first()
    if job is None:
        raise Http404(_("There is no export with this id for you."))
    return job


@router.post(
    "{int:consultation_id}/exports/",
    response={202: ExportJobOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Start an export of a consultation",
    url_name="consultation_exports",
)
def start_export(request, consultation_id: int, payload: ExportIn):
    """Queue an export of the consultation's comments (CSV, XLSX, JSON) or its report
    (PDF). Poll `status_url` until `status` is "done", then fetch `download_url`."""
    consultation = get_object_or_404(ConsultationPage, pk=consultation_id)
    if payload.language:
        try:
            translation.get_supported_language_variant(payload.language)
        except LookupError:
            raise HttpError(
                400,
                str(
                    _("“%(lang)s” is not a language of this site.")
                    % {"lang": payload.language[:16]}
                ),
            ) from None
    job = services.start_export(request.user, consultation, payload.format, payload.language)
    job.refresh_from_db()
    return Status(202, _job_out(request, job))


@router.get(
    "{int:consultation_id}/exports/{uuid:job_id}",
    response={200: ExportJobOut, 401: ErrorOut, 404: ErrorOut},
    summary="The status of an export",
    url_name="consultation_export_status",
)
def export_status(request, consultation_id: int, job_id: uuid.UUID):
    """An export's status and progress; only whoever started it can see it."""
    return _job_out(request, _job_for(request, consultation_id, job_id))


@router.get(
    "{int:consultation_id}/exports/{uuid:job_id}/file",
    response={200: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 410: ErrorOut},
    summary="Download a finished export",
    url_name="consultation_export_file",
)
def export_file(request, consultation_id: int, job_id: uuid.UUID):
    """The export's file, for whoever started it, until its link expires (410 after)."""
    job = _job_for(request, consultation_id, job_id)
    try:
        return services.download_response(request.user, job)
    except services.ExportExpired:
        raise HttpError(410, str(services.EXPIRED_MESSAGE)) from None
    except services.ExportNotReady:
        raise HttpError(409, str(services.NOT_READY_MESSAGE)) from None
