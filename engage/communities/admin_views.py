"""The representation dashboard and its CSV export.

Two views, mounted twice with the same code:

- in the Wagtail admin (`wagtail_hooks.py`, /admin/representation/), for city staff;
- outside the admin (`report_urls.py`), for partner organisations with a data-sharing
  grant, who cannot open the staff workspace.

Who may see a scope's report is decided by the rule "accounts.view_reports"; who may
download it by "accounts.export". Everything shown comes from the *publishable*
(suppressed) report: counts below SMALL_CELL_THRESHOLD read "fewer than N". Leaders'
names in tokenism findings are shown to city staff only. Every download is recorded as a
`policy.ExportRecord` (who, their organisation, which scope, which format, when).
"""

import csv
import io

import rules
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from engage.accounts.rules import is_city_staff
from engage.policy.services import record_export

from . import charts, tokenism
from .models import ScopeType
from .representation import (
    CSV_COLUMNS,
    BaselineNotFound,
    Flag,
    ScopeNotFound,
    publishable_rows,
    representation_report,
)
from .scopes import CITY, Scope, scope_choices

ADMIN_NAMESPACE = "engage_representation"
PUBLIC_NAMESPACE = "representation_reports"


def flag_explanations():
    """What each flag means, in words, with the thresholds in force (settings)."""
    return {
        Flag.UNDER: _(
            "The group's share of participants is below %(ratio)s of its share of the "
            "population, and even the top of its 95%% interval is below the population share."
        )
        % {"ratio": f"{settings.REPRESENTATION_UNDER_RATIO:.0%}"},
        Flag.OVER: _(
            "The group's share of participants is above %(ratio)s of its share of the "
            "population, and even the bottom of its 95%% interval is above the population "
            "share."
        )
        % {"ratio": f"{settings.REPRESENTATION_OVER_RATIO:.0%}"},
        Flag.ABSENT: _(
            "Nobody from the group took part, although at least %(expected)s were expected."
        )
        % {"expected": f"{settings.REPRESENTATION_ABSENT_EXPECTED:g}"},
        Flag.IN_RANGE: _("The group's share of participants is close to its population share."),
        Flag.TOO_FEW: _("Too few people told us about themselves to say anything reliable."),
        Flag.EXCLUDED: _("This group is left out of this report (for example, children)."),
    }


def parse_scope(text):
    """A `Scope` from a query parameter (default: the whole city)."""
    return Scope.parse(text or CITY)


def consultations_for(user):
    """The consultations whose reports `user` may see, newest opening first, as
    [{"scope": "consultation:<id>", "title": ...}]."""
    choices = (
        {"scope": f"consultation:{key}", "title": title}
        for key, title in scope_choices(ScopeType.CONSULTATION)
    )
    return [
        choice
        for choice in choices
        if rules.test_rule("accounts.view_reports", user, choice["scope"])
    ]


def _urls(namespace):
    return {
        "dashboard": reverse(f"{namespace}:dashboard"),
        "export": reverse(f"{namespace}:export_csv"),
        "export_pdf": reverse(f"{namespace}:export_pdf"),
    }


def build_dashboard(user, scope, baseline=None, dimension=None):
    """The context of one report page: the published report, a chart per dimension,
    flag explanations and tokenism findings. Raises ScopeNotFound / BaselineNotFound."""
    report = representation_report(scope, dimension=dimension or None, baseline_area=baseline)
    published = report.publishable()
    findings = tokenism.findings_for(scope, report)
    staff = is_city_staff(user)
    explanations = flag_explanations()
    return {
        "report": published,
        "dimensions": [
            {
                **dimension_data,
                "chart": charts.representation_chart(dimension_data),
                "flags": [
                    {
                        "name": row["name"],
                        "label": row["flag_label"],
                        "explanation": explanations[row["flag"]],
                    }
                    for row in dimension_data["rows"]
                    if row["flag"] in (Flag.UNDER, Flag.OVER, Flag.ABSENT)
                ],
            }
            for dimension_data in published["dimensions"]
        ],
        "findings": [f.for_staff() if staff else f.public() for f in findings],
        "show_leaders": staff,
    }


def scope_label(scope_text, consultations):
    """What a report is on, in words: a consultation's title or "the whole city"."""
    if scope_text == CITY:
        return gettext("the whole city")
    return next((c["title"] for c in consultations if c["scope"] == scope_text), scope_text)


def _dashboard(request, namespace, template):
    consultations = consultations_for(request.user)
    may_see_city = rules.test_rule("accounts.view_reports", request.user, CITY)
    if not (consultations or may_see_city):
        raise PermissionDenied
    context = {
        "consultations": consultations,
        "may_see_city": may_see_city,
        "urls": _urls(namespace),
        "scope_text": request.GET.get("scope", "") or (CITY if may_see_city else ""),
        "baseline": request.GET.get("baseline", "").strip(),
        "dimension": request.GET.get("dimension", "").strip(),
        "error": None,
        "threshold": None,
    }
    if context["scope_text"]:
        try:
            scope = parse_scope(context["scope_text"])
        except ValidationError as exc:
            context["error"] = " ".join(exc.messages)
        else:
            if not rules.test_rule("accounts.view_reports", request.user, scope):
                raise PermissionDenied
            context["scope"] = scope
            context["scope_label"] = scope_label(context["scope_text"], consultations)
            context["may_export"] = rules.test_rule("accounts.export", request.user, scope)
            try:
                context.update(
                    build_dashboard(
                        request.user, scope, context["baseline"] or None, context["dimension"]
                    )
                )
            except ScopeNotFound as exc:
                raise Http404(" ".join(exc.messages)) from None
            except BaselineNotFound as exc:
                context["error"] = " ".join(exc.messages)
    return render(request, template, context)


def export_report(request, export_format, content_type, render):
    """A download of the suppressed report, shared by the CSV and the PDF.

    Reads ?scope=&baseline=&dimension=, asks "accounts.export" for the scope, builds the
    report, lets `render(report, scope)` make the file's content, records the export
    and sends it as an attachment. 400 for a malformed scope, 404 for an unknown one.
    """
    try:
        scope = parse_scope(request.GET.get("scope"))
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400, content_type="text/plain")
    if not rules.test_rule("accounts.export", request.user, scope):
        raise PermissionDenied
    baseline = request.GET.get("baseline", "").strip() or None
    dimension = request.GET.get("dimension", "").strip() or None
    try:
        report = representation_report(scope, dimension=dimension, baseline_area=baseline)
    except (ScopeNotFound, BaselineNotFound) as exc:
        raise Http404(" ".join(exc.messages)) from None
    response = HttpResponse(render(report, scope), content_type=content_type)
    stem = f"representation-{str(scope).replace(':', '-')}-{timezone.now():%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="{stem}.{export_format}"'
    response["Cache-Control"] = "no-store"
    record_export(
        request.user,
        "representation_report",
        scope,
        export_format,
        baseline=report.baseline_area_code,
        dimension=dimension,
    )
    return response


def report_csv(report, scope):
    """The suppressed report as CSV text, one row per group."""
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow([str(label) for _key, label in CSV_COLUMNS])
    for row in publishable_rows(report.publishable()):
        writer.writerow(["" if row.get(key) is None else row.get(key) for key, _l in CSV_COLUMNS])
    return output.getvalue()


def _export_csv(request):
    return export_report(request, "csv", "text/csv; charset=utf-8", report_csv)


# --- the admin mount (Wagtail wraps these in its own admin-access check) ---------------


@never_cache
def admin_dashboard(request):
    """The dashboard inside the Wagtail admin."""
    return _dashboard(request, ADMIN_NAMESPACE, "communities/admin/dashboard.html")


@never_cache
def admin_export_csv(request):
    return _export_csv(request)


# --- the partner mount -----------------------------------------------------------------


@never_cache
@login_required
def partner_dashboard(request):
    """The same dashboard outside the admin, for partners with a grant."""
    return _dashboard(request, PUBLIC_NAMESPACE, "communities/admin/partner_dashboard.html")


@never_cache
@login_required
def partner_export_csv(request):
    return _export_csv(request)
