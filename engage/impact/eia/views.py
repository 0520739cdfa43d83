"""Download an assessment's equality impact assessment as PDF or DOCX; every download
is recorded in the export log (`engage.policy.services.record_export`)."""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views.decorators.cache import never_cache

from engage.policy.services import record_export

from ..models import ImpactAssessment
from . import rules as _eia_rules  # noqa: F401 - registers the rule
from .content import eia_document
from .docx import eia_docx
from .pdf import eia_pdf

EXPORT_KIND = "equality_impact_assessment"
FORMATS = {
    "pdf": (eia_pdf, "application/pdf"),
    "docx": (
        eia_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}


def export_scope(assessment):
    return assessment.subject_scope or f"assessment:{assessment.pk}"


@never_cache
def eia_export(request, pk, fmt):
    if fmt not in FORMATS:
        raise Http404
    assessment = get_object_or_404(ImpactAssessment.objects.select_related("policy_area"), pk=pk)
    if not rules.test_rule("impact.export_eia", request.user, assessment):
        raise PermissionDenied
    writer, content_type = FORMATS[fmt]
    body = writer(eia_document(assessment))
    record_export(
        request.user, EXPORT_KIND, export_scope(assessment), fmt, assessment=assessment.pk
    )
    response = HttpResponse(body, content_type=content_type)
    name = slugify(assessment.title) or f"assessment-{assessment.pk}"
    response["Content-Disposition"] = f'attachment; filename="eia-{name}.{fmt}"'
    return response
