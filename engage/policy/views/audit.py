"""The audit report of an agreement, for city staff: every access and export made
under it, and its own history; the CSV download is itself audited."""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import never_cache

from ..models import AgreementAccess, AgreementEvent, ExportRecord
from ..services.agreements import record_event
from ..services.exports import record_export
from .common import get_agreement, require

PAGE_SIZE = 100
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
CSV_COLUMNS = [
    pgettext_lazy("audit column", "kind"),
    pgettext_lazy("audit column", "at"),
    pgettext_lazy("audit column", "person"),
    pgettext_lazy("audit column", "email"),
    pgettext_lazy("audit column", "organisation"),
    pgettext_lazy("audit column", "scope"),
    pgettext_lazy("audit column", "what"),
    pgettext_lazy("audit column", "address or format"),
    pgettext_lazy("audit column", "answer"),
]


def _safe(value):
    """Text a spreadsheet would run as a formula keeps a leading `'`."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _exports(agreement):
    return ExportRecord.objects.under_agreement(agreement).select_related("user", "organisation")


@never_cache
@login_required
def audit_report(request, pk):
    """Accesses (newest first, paged) and exports under the agreement, with totals."""
    require(request.user, "policy.manage_agreements")
    agreement = get_agreement(pk)
    accesses = AgreementAccess.objects.for_agreement(agreement)
    page = Paginator(accesses, PAGE_SIZE).get_page(request.GET.get("page"))
    by_organisation = (
        accesses.order_by()
        .values("organisation__name")
        .annotate(count=Count("pk"), people=Count("user", distinct=True))
        .order_by("organisation__name")
    )
    return render(
        request,
        "policy/agreement_audit.html",
        {
            "agreement": agreement,
            "page_obj": page,
            "accesses": page.object_list,
            "access_count": page.paginator.count,
            "by_organisation": by_organisation,
            "exports": _exports(agreement)[:PAGE_SIZE],
            "export_count": _exports(agreement).count(),
            "events": AgreementEvent.objects.filter(agreement=agreement).select_related("user"),
        },
    )


def _person(user):
    return getattr(user, "display_name", "") or ""


@never_cache
@login_required
def audit_csv(request, pk):
    """Every access and export under the agreement, as CSV (recorded)."""
    require(request.user, "policy.manage_agreements")
    agreement = get_agreement(pk)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(column) for column in CSV_COLUMNS])
    for access in AgreementAccess.objects.for_agreement(agreement).iterator(chunk_size=2000):
        writer.writerow(
            [
                _safe(value)
                for value in (
                    "access",
                    access.created_at.isoformat(),
                    _person(access.user),
                    access.user.email,
                    access.organisation.name if access.organisation else "",
                    access.scope,
                    access.access,
                    f"{access.method} {access.path}",
                    access.status_code,
                )
            ]
        )
    for export in _exports(agreement).order_by("-created_at").iterator(chunk_size=2000):
        writer.writerow(
            [
                _safe(value)
                for value in (
                    "export",
                    export.created_at.isoformat(),
                    _person(export.user),
                    export.user.email,
                    export.organisation.name if export.organisation else "",
                    export.scope,
                    export.kind,
                    export.export_format,
                    "",
                )
            ]
        )
    record_event(agreement, AgreementEvent.Kind.AUDIT_DOWNLOADED, request.user)
    record_export(request.user, "agreement_audit", "city", "csv", agreement_id=agreement.pk)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="agreement-{agreement.pk}-audit.csv"'
    return response
