"""Consultations in the API: /api/v1/consultations/ (mounted in engage.api).

Public reads: anyone may list published consultations and read one; what each person
may see is decided by `consultations.view_consultation` in consultations/rules.py.
Titles, summaries and URLs follow `?lang=` or Accept-Language.
"""

import datetime

import rules
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema

from engage.api import PUBLIC_READ, ErrorOut, request_language

from .models import ConsultationPage, ConsultationStatus

router = Router(tags=["consultations"], auth=PUBLIC_READ)


class ConsultationOut(Schema):
    id: int
    title: str
    summary: str
    status: ConsultationStatus
    status_label: str
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    url: str | None = Field(None, description="The consultation's page, in the answer's language.")
    language: str


def consultation_out(request, page, language):
    """One consultation as the API shows it, in `language` (call inside override)."""
    status = page.status
    url = page.get_url(request=request)
    return {
        "id": page.pk,
        "title": page.title,
        "summary": page.summary or "",
        "status": status,
        "status_label": str(status.label),
        "opens_at": page.opens_at,
        "closes_at": page.closes_at,
        "url": request.build_absolute_uri(url) if url else None,
        "language": language,
    }


def published_consultations():
    """Published consultations without view restrictions, newest opening first."""
    return ConsultationPage.objects.live().public().order_by("-opens_at", "-pk")


class ConsultationPageOut(Schema):
    count: int = Field(description="Consultations matching, on every page together.")
    page: int
    page_size: int
    items: list[ConsultationOut]


@router.get(
    "/",
    response={200: ConsultationPageOut, 400: ErrorOut},
    summary="Published consultations",
    url_name="consultations",
)
def list_consultations(
    request,
    response: HttpResponse,
    lang: str | None = None,
    status: ConsultationStatus | None = None,
    page: int = Query(1, ge=1),
    page_size: int = Query(20, ge=1, le=100),
):
    """Published consultations, newest first, `page_size` at a time.

    `?status=open|upcoming|closed` narrows them. The query only reads published pages;
    each one is still passed through `consultations.view_consultation`.
    """
    language = request_language(request, lang)
    response["Content-Language"] = language
    queryset = published_consultations()
    if status:
        queryset = queryset.with_status(status)
    offset = (page - 1) * page_size
    pages = queryset[offset : offset + page_size]
    with translation.override(language):
        items = [
            consultation_out(request, consultation, language)
            for consultation in pages
            if rules.test_rule("consultations.view_consultation", request.user, consultation)
        ]
    return {"count": queryset.count(), "page": page, "page_size": page_size, "items": items}


@router.get(
    "/{int:consultation_id}",
    response={200: ConsultationOut, 404: ErrorOut},
    summary="One consultation",
    url_name="consultation",
)
def get_consultation(
    request, consultation_id: int, response: HttpResponse, lang: str | None = None
):
    """One consultation; 404 when it does not exist or the caller may not see it."""
    language = request_language(request, lang)
    page = ConsultationPage.objects.filter(pk=consultation_id).first()
    if page is None or not rules.test_rule("consultations.view_consultation", request.user, page):
        raise Http404(_("There is no published consultation with this number."))
    response["Content-Language"] = language
    with translation.override(language):
        return consultation_out(request, page, language)
