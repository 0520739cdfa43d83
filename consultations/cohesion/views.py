"""The city-wide cohesion report (/<lang>/reports/cohesion/) and its CSV."""

import rules
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from engage.policy.services import record_export

from .report import build_report, report_csv
from .rules import EDIT_SECTION, EXPORT_REPORT, VIEW_REPORT

EXPORT_KIND = "cohesion_report"


def _require(user, rule):
    if not rules.test_rule(rule, user):
        raise PermissionDenied


@never_cache
@login_required
def report(request):
    """Staff and partners with a city-wide grant: every consultation and decision record,
    with or without its cohesion section."""
    _require(request.user, VIEW_REPORT)
    return render(
        request,
        "cohesion/report.html",
        {
            "report": build_report(request.user),
            "may_export": rules.test_rule(EXPORT_REPORT, request.user),
            "may_edit": rules.test_rule(EDIT_SECTION, request.user),
        },
    )


@never_cache
@login_required
def report_csv_download(request):
    """The report as CSV; recorded as an export of the `city` scope."""
    _require(request.user, EXPORT_REPORT)
    body = report_csv(build_report(request.user))
    record_export(request.user, EXPORT_KIND, "city", "csv")
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    stem = f"cohesion-report-{timezone.now():%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
    response["Cache-Control"] = "no-store"
    return response
