"""The "what we heard" summary of a consultation, its exports, and export jobs.

Mounted twice with the same code, as the representation dashboard is:

- in the Wagtail admin (`wagtail_hooks.py`: /admin/consultations/<id>/summary/ …) for
  city staff;
- outside the admin (`report_urls.py`: /<lang>/reports/consultations/<id>/ …) for
  partner organisations with a data-sharing grant, who cannot open the staff workspace.

Who may see what is decided by the rules in `rules.py` ("exports.view_summary",
"exports.export", "exports.download"). An export of up to settings.EXPORT_DIRECT_MAX_ROWS
comments downloads at once (CSV and JSON streamed from a server-side cursor); a larger
one becomes a background job with a progress page and a download link that only its
requester can use until it expires.
"""

import tempfile

import rules
from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.handlers.asgi import ASGIRequest
from django.http import FileResponse, Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from consultations.models import ConsultationPage

from . import data, services
from .models import CONTENT_TYPES, ExportFormat, ExportJob, ExportStatus
from .sections import render_sections

ADMIN = "exports_admin"
PARTNER = "exports_reports"


def _template(mount, name):
    return f"exports/admin/{name}" if mount == ADMIN else f"exports/{name}"


def _consultation(pk):
    return get_object_or_404(ConsultationPage.objects.select_related("area"), pk=pk)


def _check(rule, user, obj):
    if not rules.test_rule(rule, user, obj):
        raise PermissionDenied


def summary(request, pk, mount):
    consultation = _consultation(pk)
    _check("exports.view_summary", request.user, consultation)
    may_export = rules.test_rule("exports.export", request.user, consultation)
    context = {
        "consultation": consultation,
        "mount": mount,
        "sections": render_sections(request, consultation, {"mount": mount}),
        "may_export": may_export,
        "formats": ExportFormat.choices,
        "languages": settings.LANGUAGES,
        "current_language": translation.get_language(),
        "export_url": reverse(f"{mount}:export", args=[consultation.pk]),
        "direct_max_rows": settings.EXPORT_DIRECT_MAX_ROWS,
        "jobs": ExportJob.objects.requested_by(request.user).filter(consultation=consultation)[:5]
        if may_export
        else [],
    }
    return render(request, _template(mount, "summary.html"), context)


def stream(request, chunks):
    """`chunks` (a generator of text) in the form the server streams without buffering.

    Under ASGI, Django would read a plain generator into memory before sending it; an
    async generator that pulls each chunk in the request's own sync thread (so its
    server-side cursor stays on the same connection) streams it instead. Under WSGI the
    generator is streamed as it is."""
    if not isinstance(request, ASGIRequest):
        return chunks
    next_chunk = sync_to_async(next, thread_sensitive=True)

    async def chunks_async():
        while (chunk := await next_chunk(chunks, None)) is not None:
            yield chunk

    return chunks_async()


def _direct_response(request, consultation, export_format, language, rows):
    from .writers import csvfile, jsonfile, pdf, xlsx

    stem = f"consultation-{consultation.pk}-{timezone.localtime():%Y%m%d-%H%M}"
    content_type = CONTENT_TYPES[export_format]
    survey_texts = services.may_see_survey_texts(request.user)
    services.record_direct_export(request.user, consultation, export_format, rows)
    if export_format == ExportFormat.CSV:
        response = StreamingHttpResponse(
            stream(request, csvfile.csv_chunks(consultation)), content_type=content_type
        )
    elif export_format == ExportFormat.JSON:
        response = StreamingHttpResponse(
            stream(
                request,
                jsonfile.json_chunks(consultation, language=language, survey_texts=survey_texts),
            ),
            content_type=content_type,
        )
    elif export_format == ExportFormat.XLSX:
        with translation.override(language):
            output = tempfile.TemporaryFile()
            xlsx.write_xlsx(consultation, output, survey_texts=survey_texts)
        output.seek(0)
        response = FileResponse(output, content_type=content_type)
    else:
        response = HttpResponse(pdf.report_pdf(consultation, language), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{export_format}"'
    response["Cache-Control"] = "no-store"
    return response


def export(request, pk, mount):
    """POST format=&language=: a direct download, or a background job (redirect to it)."""
    consultation = _consultation(pk)
    _check("exports.export", request.user, consultation)
    export_format = request.POST.get("format", "")
    summary_url = reverse(f"{mount}:summary", args=[consultation.pk])
    if export_format not in ExportFormat.values:
        messages.error(
            request,
            _("Choose a format for the export (CSV, Excel, JSON or PDF), then try again."),
        )
        return redirect(summary_url)
    export_format = ExportFormat(export_format)
    language = services.language_or_default(request.POST.get("language"))
    rows = data.count_rows(consultation)
    if services.is_direct(consultation, export_format, rows):
        return _direct_response(request, consultation, export_format, language, rows)
    job = services.start_export(request.user, consultation, export_format, language)
    return redirect(reverse(f"{mount}:job", args=[job.pk]))


def _job(request, job_id):
    job = get_object_or_404(ExportJob.objects.select_related("consultation"), pk=job_id)
    if job.requester_id != request.user.pk:
        # Other people's jobs do not exist, as far as anyone else can tell.
        raise Http404
    return job


def job_status_data(job, download_url):
    return {
        "id": str(job.pk),
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "format": job.export_format,
        "rows_done": job.rows_done,
        "rows_total": job.rows_total,
        "percent": job.percent,
        "expires_at": job.expires_at.isoformat() if job.expires_at else None,
        "download_url": download_url
        if job.status == ExportStatus.DONE and not job.has_expired()
        else None,
        "error": str(_("The export failed. Please try again, or ask the site's administrators."))
        if job.status == ExportStatus.FAILED
        else None,
    }


def job_detail(request, job_id, mount, status=200, message=None):
    job = _job(request, job_id)
    if job.status == ExportStatus.DONE and job.has_expired():
        services.expire(job)
    context = {
        "job": job,
        "mount": mount,
        "message": message,
        "refresh": not job.is_finished,
        "download_url": reverse(f"{mount}:download", args=[job.pk]),
        "status_url": reverse(f"{mount}:job_status", args=[job.pk]),
        "summary_url": reverse(f"{mount}:summary", args=[job.consultation_id]),
    }
    return render(request, _template(mount, "job.html"), context, status=status)


def job_status(request, job_id, mount):
    job = _job(request, job_id)
    return JsonResponse(job_status_data(job, reverse(f"{mount}:download", args=[job.pk])))


def job_download(request, job_id, mount):
    job = _job(request, job_id)
    try:
        return services.download_response(request.user, job)
    except services.ExportExpired:
        return job_detail(request, job_id, mount, status=410, message=services.EXPIRED_MESSAGE)
    except services.ExportNotReady:
        return job_detail(request, job_id, mount, status=409, message=services.NOT_READY_MESSAGE)


# --- the two mounts ---------------------------------------------------------------------
# The admin mount is wrapped by Wagtail in its own admin-access check; the partner mount
# needs a signed-in person. Both ask the rules above for each object.


def _mounted(view, mount, methods, *, partner):
    def wrapped(request, *args, **kwargs):
        return view(request, *args, mount=mount, **kwargs)

    wrapped.__name__ = f"{view.__name__}_{'partner' if partner else 'admin'}"
    wrapped.__doc__ = view.__doc__
    wrapped = require_http_methods(methods)(wrapped)
    wrapped = never_cache(wrapped)
    if partner:
        wrapped = login_required(wrapped)
    return wrapped


def views_for(mount):
    partner = mount == PARTNER
    return {
        "summary": _mounted(summary, mount, ["GET"], partner=partner),
        "export": _mounted(export, mount, ["POST"], partner=partner),
        "job": _mounted(job_detail, mount, ["GET"], partner=partner),
        "job_status": _mounted(job_status, mount, ["GET"], partner=partner),
        "download": _mounted(job_download, mount, ["GET"], partner=partner),
    }
