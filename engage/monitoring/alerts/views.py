"""The alerts pages at /<lang>/monitoring/alerts/, for city staff and partners.

Staff (TOTP) see every alert and act on it: acknowledge, assign, add notes, close with
what was done, and download the response log (audited). Partner members (TOTP) see the
alerts their grants cover, read-only. Everyone else is refused (`access`).
"""

import csv
import io

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from engage.policy.services import record_export

from . import access, explain, services
from . import rules as maths
from .forms import ACTIONS, AssignForm, CloseForm, NoteForm
from .models import Alert, AlertEvent, AlertSubscription

STATUS_FILTERS = {
    "open": lambda alerts: alerts.open(),
    "closed": lambda alerts: alerts.filter(status=Alert.Status.CLOSED),
    "all": lambda alerts: alerts,
}
PAGE_SIZE = 50


def _require(user, rule, obj=None):
    if not rules.test_rule(rule, user, obj):
        raise PermissionDenied


def _row(alert, names):
    return {
        "alert": alert,
        "area": explain.scope_label(alert, names),
        "period": maths.iso_week(alert.period),
        "explanation": explain.explanation(alert, names=names),
    }


@never_cache
@login_required
def alert_list(request):
    """The alerts the person may see, newest week first (?status=open|closed|all)."""
    _require(request.user, access.VIEW_ALERTS)
    status = request.GET.get("status", "open")
    if status not in STATUS_FILTERS:
        status = "open"
    queryset = STATUS_FILTERS[status](Alert.objects.visible_to(request.user)).select_related(
        "rule", "assigned_to"
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    alerts = list(page.object_list)
    names = explain.area_names(alerts)
    return render(
        request,
        "monitoring_alerts/alert_list.html",
        {
            "rows": [_row(alert, names) for alert in alerts],
            "page_obj": page,
            "status": status,
            "statuses": [
                ("open", _("Open")),
                ("closed", _("Closed")),
                ("all", _("All")),
            ],
            "may_manage": rules.test_rule(access.MANAGE_ALERTS, request.user),
            "subscribed": AlertSubscription.objects.filter(user=request.user).exists(),
        },
    )


def _detail(request, alert, forms=None, status=200):
    may_manage = rules.test_rule(access.MANAGE_ALERTS, request.user)
    forms = forms or {}
    context = {
        **_row(alert, None),
        "links": explain.links(alert),
        "evidence": explain.evidence_rows(alert),
        "series_label": explain.series_label(alert.series) if alert.series else "",
        "may_manage": may_manage,
        "events": alert.events.select_related("user") if may_manage else [],
    }
    if may_manage and alert.status != Alert.Status.CLOSED:
        context.update(
            assign_form=forms.get("assign") or AssignForm(),
            note_form=forms.get("note") or NoteForm(),
            close_form=forms.get("close") or CloseForm(),
        )
    elif may_manage:
        context["note_form"] = forms.get("note") or NoteForm()
    return render(request, "monitoring_alerts/alert_detail.html", context, status=status)


@never_cache
@login_required
def alert_detail(request, pk):
    """One alert: the explanation, the evidence, what it concerns and, for staff, the
    response log and the forms to respond."""
    _require(request.user, access.VIEW_ALERTS)
    alert = get_object_or_404(
        Alert.objects.visible_to(request.user).select_related("rule", "assigned_to"), pk=pk
    )
    return _detail(request, alert)


@never_cache
@login_required
@require_POST
def alert_respond(request, pk):
    """Staff: acknowledge, assign, add a note or close (`action` in the form)."""
    _require(request.user, access.MANAGE_ALERTS)
    alert = get_object_or_404(Alert.objects.select_related("rule", "assigned_to"), pk=pk)
    action = request.POST.get("action", "")
    form_class = ACTIONS.get(action)
    if form_class is None:
        return HttpResponse(_("Unknown action."), status=400, content_type="text/plain")
    form = form_class(request.POST)
    if form.is_valid():
        try:
            if action == "acknowledge":
                services.acknowledge(alert, request.user)
                messages.success(request, _("The alert is acknowledged."))
            elif action == "assign":
                services.assign(alert, request.user, form.cleaned_data["assignee"])
                messages.success(request, _("The alert is assigned."))
            elif action == "note":
                services.add_note(alert, request.user, form.cleaned_data["text"])
                messages.success(request, _("Your note is in the response log."))
            else:
                services.close(alert, request.user, form.cleaned_data["action_taken"])
                messages.success(request, _("The alert is closed with what was done."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("monitoring_alerts:alert", pk=alert.pk)
    alert.refresh_from_db()
    return _detail(request, alert, {action: form}, status=400)


@never_cache
@login_required
@require_POST
def subscription(request):
    """Subscribe to alert emails, or stop them (`subscribed` = "1" or "0")."""
    _require(request.user, access.VIEW_ALERTS)
    subscribed = request.POST.get("subscribed") == "1"
    services.set_subscription(request.user, subscribed)
    if subscribed:
        messages.success(request, _("You will get an email when an alert you may see is raised."))
    else:
        messages.success(request, _("You will no longer get alert emails."))
    return redirect("monitoring_alerts:alerts")


RESPONSE_LOG_COLUMNS = (
    "alert",
    "rule",
    "scope",
    "week",
    "status",
    "raised_at",
    "event",
    "event_at",
    "by",
    "text",
)


@never_cache
@login_required
def response_log_csv(request):
    """Staff: every alert's response log as CSV, one line per event (audited)."""
    _require(request.user, access.MANAGE_ALERTS)
    events = AlertEvent.objects.select_related("alert__rule", "user").order_by(
        "alert__period", "alert_id", "created_at", "pk"
    )
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(RESPONSE_LOG_COLUMNS)
    for event in events:
        alert = event.alert
        writer.writerow(
            [
                alert.pk,
                alert.rule.name,
                alert.scope,
                maths.iso_week(alert.period),
                alert.status,
                alert.raised_at.isoformat(),
                event.kind,
                event.created_at.isoformat(),
                (event.user.email if event.user else ""),
                _safe_cell(event.text),
            ]
        )
    response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
    stem = f"early-warning-responses-{timezone.now():%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
    response["Cache-Control"] = "no-store"
    record_export(request.user, "early_warning_responses", "city", "csv")
    return response


def _safe_cell(text):
    """Free text that a spreadsheet must not run as a formula."""
    text = text or ""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
