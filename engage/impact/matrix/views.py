"""The city matrix page and its downloads, at /<lang>/impact/matrix/.

City staff and partners whose grant covers the city (the matrix is city-wide) see it:
`accounts.view_reports` for the `city` scope (which asks for two-factor
authentication); the CSV and PDF need `accounts.export` for it and are recorded with
`record_export`. The same query string drives the page and its downloads.
"""

import rules
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from engage.communities.scopes import CITY
from engage.policy.services import record_export

from . import conf, heatmap
from .data import Filters, build_matrix
from .exports import matrix_csv, matrix_pdf
from .forms import MatrixFilters

VIEW_RULE = "accounts.view_reports"
EXPORT_RULE = "accounts.export"
EXPORT_KIND = "policy_matrix"


def _require(user, rule):
    if not rules.test_rule(rule, user, CITY):
        raise PermissionDenied


@never_cache
@login_required
def matrix_view(request):
    _require(request.user, VIEW_RULE)
    form = MatrixFilters(request.GET or None)
    if form.is_bound and not form.is_valid():
        context = {"form": form, "matrix": None}
        return render(request, "impact/matrix/matrix.html", context, status=400)
    matrix = build_matrix(form.filters() if form.is_bound else Filters())
    query = request.GET.urlencode()
    exports = None
    if rules.test_rule(EXPORT_RULE, request.user, CITY):
        suffix = f"?{query}" if query else ""
        exports = {
            "csv": reverse("impact:matrix:export_csv") + suffix,
            "pdf": reverse("impact:matrix:export_pdf") + suffix,
        }
    context = {
        "form": form,
        "matrix": matrix,
        "focus": matrix.ranked(conf.focus_size()),
        "drawing": heatmap.drawing(matrix),
        "legend": heatmap.legend(),
        "exports": exports,
        # Staff open a policy area's page from its name (partners see the matrix only).
        "may_open_areas": rules.test_rule("impact.view_policy_areas", request.user),
    }
    return render(request, "impact/matrix/matrix.html", context)


def _download(request, export_format, content_type, render_file):
    _require(request.user, EXPORT_RULE)
    form = MatrixFilters(request.GET)
    if not form.is_valid():
        errors = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in form.errors.items())
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    filters = form.filters()
    matrix = build_matrix(filters)
    response = HttpResponse(render_file(matrix), content_type=content_type)
    stem = f"policy-matrix-{timezone.now():%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="{stem}.{export_format}"'
    response["Cache-Control"] = "no-store"
    record_export(request.user, EXPORT_KIND, CITY, export_format, **filters.as_parameters())
    return response


@never_cache
@login_required
def export_csv(request):
    return _download(request, "csv", "text/csv; charset=utf-8", matrix_csv)


@never_cache
@login_required
def export_pdf(request):
    return _download(request, "pdf", "application/pdf", matrix_pdf)
