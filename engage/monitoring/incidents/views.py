"""The public edge of hate incident reporting (under /<lang>/report-an-incident/).

- `report`: the form (anyone, signed in or not); `submitted`: the reference and the
  private status link, shown once;
- `status` / `delete_by_link`: an anonymous reporter's page, opened by reference and
  secret;
- `mine` / `delete_mine`: a signed-in reporter's own reports;
- `referred` / `referred_detail`: a partner organisation's member sees the reports
  referred to it (and only those).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from engage.ratelimit import check_rate, client_address

from . import rules, services
from .forms import IncidentReportForm
from .models import IncidentReport

SESSION_KEY = "incident_report_submitted"


@sensitive_post_parameters()  # every field is part of the report: none goes in error emails
@sensitive_variables("form", "data")
@never_cache
def report(request):
    """The report form; on success, the reporter is sent to `submitted`."""
    form = IncidentReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        # The moderation reports' limits: a flood from one address or account is refused
        # with the 429 page (RateLimitMiddleware), and nothing is saved.
        check_rate("report", user=request.user, address=client_address(request))
        data = form.cleaned_data
        anonymous = data.get("anonymous") or not request.user.is_authenticated
        incident, secret = services.submit_report(
            description=data["description"],
            characteristic=data["characteristic"],
            occurred_on=data["occurred_on"],
            reported_to_police=data["reported_to_police"],
            area=data["area"],
            wants_contact=data["wants_contact"],
            contact=data["contact"],
            consent_to_share=data["consent_to_share"],
            reporter=None if anonymous else request.user,
            language=get_language() or "",
        )
        request.session[SESSION_KEY] = {"reference": incident.reference, "secret": secret}
        return redirect("monitoring_incidents:submitted")
    return render(request, "incidents/report_form.html", {"form": form})


@never_cache
def submitted(request):
    """Thanks, the reference and the private link; shown once (then gone from the session)."""
    details = request.session.pop(SESSION_KEY, None)
    if not details:
        return redirect("monitoring_incidents:report")
    link = request.build_absolute_uri(
        reverse("monitoring_incidents:status", args=[details["reference"], details["secret"]])
    )
    return render(
        request, "incidents/submitted.html", {"reference": details["reference"], "link": link}
    )


def _by_link(reference, secret):
    incident = IncidentReport.objects.filter(reference=reference).first()
    if incident is None or not incident.secret_matches(secret):
        raise Http404(_("There is no report with this reference and link."))
    return incident


@never_cache
def status(request, reference, secret):
    """An anonymous reporter's view of their report: its status, and deleting it."""
    incident = _by_link(reference, secret)
    return render(request, "incidents/status.html", {"incident": incident, "secret": secret})


@never_cache
@require_POST
def delete_by_link(request, reference, secret):
    services.delete_report(_by_link(reference, secret))
    messages.success(request, _("Your report has been deleted. Thank you for telling us."))
    return redirect("monitoring_incidents:report")


@never_cache
@login_required
def mine(request):
    """The signed-in person's own reports (not those made anonymously)."""
    incidents = IncidentReport.objects.of_reporter(request.user).select_related("area")
    return render(request, "incidents/mine.html", {"incidents": incidents})


@never_cache
@login_required
@require_POST
def delete_mine(request, reference):
    incident = get_object_or_404(IncidentReport, reference=reference)
    if not rules.can_view_own(request.user, incident):
        raise Http404(_("There is no report with this reference."))
    services.delete_report(incident)
    messages.success(request, _("Your report has been deleted."))
    return redirect("monitoring_incidents:mine")


@never_cache
@login_required
def referred(request):
    """Reports referred to the partner organisations the person works for."""
    if not rules.can_view_referrals(request.user):
        raise PermissionDenied
    incidents = (
        IncidentReport.objects.referred_to_partner_of(request.user)
        .select_related("area", "referred_to")
        .order_by("-referred_at")
    )
    return render(request, "incidents/referred.html", {"incidents": incidents})


@never_cache
@login_required
def referred_detail(request, reference):
    """One referred report, in full, for the partner it was referred to (audited)."""
    incident = get_object_or_404(
        IncidentReport.objects.select_related("area", "referred_to"), reference=reference
    )
    if not rules.can_view_as_partner(request.user, incident):
        raise Http404(_("There is no report with this reference."))
    services.record_view(incident, request.user, as_partner=True)
    return render(request, "incidents/referred_detail.html", {"incident": incident})
