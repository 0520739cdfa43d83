"""Staff triage in the Wagtail admin (/admin/incidents/): the list of reports with the
weekly aggregates, and one report with its text, its audit trail and the triage form.
Only city staff with two-factor authentication (rules.can_triage)."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import aggregates, rules, services
from .forms import TriageForm
from .models import Characteristic, IncidentReport, Status

ADMIN_NAMESPACE = "incidents_admin"
AGGREGATE_WEEKS = 12


def _require_staff(request):
    if not rules.can_triage(request.user):
        raise PermissionDenied


@never_cache
def index(request):
    """Every report (newest first, filtered by status) and the last weeks' counts."""
    _require_staff(request)
    status = request.GET.get("status", "")
    reports = IncidentReport.objects.select_related("area", "referred_to")
    if status in Status.values:
        reports = reports.filter(status=status)
    today = timezone.localdate()
    since = today - datetime.timedelta(weeks=AGGREGATE_WEEKS)
    return render(
        request,
        "incidents/admin/index.html",
        {
            "reports": reports[:200],
            "status": status,
            "statuses": Status.choices,
            "characteristics": Characteristic.choices,
            "table": aggregates.published_table(since, today),
            "weeks": AGGREGATE_WEEKS,
        },
    )


@never_cache
def detail(request, pk):
    """One report in full, its audit trail, and the triage form (status or referral)."""
    _require_staff(request)
    report = get_object_or_404(IncidentReport.objects.select_related("area", "referred_to"), pk=pk)
    form = TriageForm(
        request.POST or None,
        initial={"status": report.status, "refer_to": report.referred_to_id},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            partner = data["refer_to"]
            if partner is not None and partner.pk != report.referred_to_id:
                services.refer(report, partner, request.user, data["note"])
            if data["status"] != report.status:
                services.change_status(report, data["status"], request.user, data["note"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The report has been updated."))
            return redirect(f"{ADMIN_NAMESPACE}:detail", pk=report.pk)
    if request.method == "GET":
        services.record_view(report, request.user, as_partner=False)
    return render(
        request,
        "incidents/admin/detail.html",
        {
            "report": report,
            "form": form,
            "events": report.events.select_related("actor", "organisation"),
        },
    )


@never_cache
@require_POST
def delete(request, pk):
    """Delete a report at its reporter's request (one who lost the private link and gave
    the reference); logged with the staff member's account."""
    _require_staff(request)
    report = get_object_or_404(IncidentReport, pk=pk)
    services.delete_report(report, by=request.user)
    messages.success(
        request, _("Report %(reference)s has been deleted.") % {"reference": report.reference}
    )
    return redirect(f"{ADMIN_NAMESPACE}:index")
