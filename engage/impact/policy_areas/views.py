"""The policy-area pages for city staff: the list, and one area with its weight, the
reasons for it, who leads and who is involved, what belongs to it (consultations,
sessions, opinion maps, alerts: `engage.impact.related`), its row of the city matrix
and its assessments. Read-only: areas are edited in the Wagtail admin.
"""

from django.contrib.auth.decorators import login_required
from django.core.validators import URLValidator
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from engage.policy.models import PolicyArea

from ..matrix.data import build_matrix
from ..matrix.forms import MatrixFilters
from ..related import related_items
from ..views.common import require

VIEW_RULE = "impact.view_policy_areas"


@never_cache
@login_required
def policy_area_list(request):
    require(request.user, VIEW_RULE)
    areas = (
        PolicyArea.objects.select_related("lead_officer")
        .annotate(assessment_count=Count("impact_assessments", distinct=True))
        .order_by("name", "pk")
    )
    return render(request, "impact/policy_areas/list.html", {"areas": areas})


def evidence_lines(text):
    """[(text, url or "")] of the evidence, one a line; a line that is a web address
    (or ends with one after "|") becomes a link."""
    validate = URLValidator(schemes=["http", "https"])
    lines = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        title, _sep, url = line.rpartition("|")
        candidate = url.strip() if _sep else line
        try:
            validate(candidate)
        except Exception:  # noqa: BLE001 - not a web address: shown as text
            lines.append((line, ""))
        else:
            lines.append(((title.strip() or candidate), candidate))
    return lines


@never_cache
@login_required
def policy_area_detail(request, area_slug):
    require(request.user, VIEW_RULE)
    area = get_object_or_404(
        PolicyArea.objects.select_related("lead_officer").prefetch_related("partners"),
        slug=area_slug,
    )
    form = MatrixFilters(request.GET or None)
    status = 200
    row = None
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        filters = form.filters() if form.is_bound else MatrixFilters.empty_filters()
        matrix = build_matrix(filters.with_policy_area(area.slug))
        cells = matrix.rows()[0][1] if matrix.policy_areas else []
        row = {"cells": cells}
    assessments = area.impact_assessments.order_by("-updated_at", "-pk")
    context = {
        "area": area,
        "evidence": evidence_lines(area.risk_evidence),
        "partners": list(area.partners.all()),
        "related": related_items(area),
        "form": form,
        "row": row,
        "assessments": assessments,
    }
    return render(request, "impact/policy_areas/detail.html", context, status=status)
