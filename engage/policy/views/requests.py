"""Information requests: a partner asks for an aggregate, staff decide, the partner
downloads the answer (made by Engage from suppressed reports only)."""

import csv
import io

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from engage.communities.representation import CSV_COLUMNS, publishable_rows

from ..forms import DecisionForm, InformationRequestForm
from ..models import InformationRequest, InformationSharingAgreement, PartnerOrganisation
from ..services import requests as services
from .common import messages_of, require

SENT = _("Your request was sent to the city. You will get an email when it is decided.")
DECIDED = _("The decision is recorded and the partner has been told.")


def _visible_requests(user):
    queryset = InformationRequest.objects.select_related("organisation", "requested_by")
    if rules.test_rule("policy.manage_agreements", user):
        return queryset
    return queryset.visible_to(user)


@never_cache
@login_required
def request_list(request):
    """The person's organisations' requests (all requests, for staff)."""
    user = request.user
    require(user, "policy.see_information_requests")
    items = _visible_requests(user).order_by("status", "-created_at")[:200]
    return render(
        request,
        "policy/request_list.html",
        {
            "requests": items,
            "may_ask": rules.test_rule("policy.request_information", user),
        },
    )


def _agreements_for(user):
    return InformationSharingAgreement.objects.in_force().for_member(user).order_by("title")


@never_cache
@login_required
def request_create(request):
    """A partner member asks for an aggregate under one of their agreements in force."""
    require(request.user, "policy.request_information")
    agreements = _agreements_for(request.user)
    form = InformationRequestForm(request.POST or None, agreements=agreements)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = PartnerOrganisation.objects.filter(
            memberships__user=request.user,
            is_active=True,
            agreement_parties__agreement=data["agreement"],
        ).first()
        try:
            made = services.submit_request(
                request.user,
                organisation,
                data["agreement"],
                data["scope"],
                list(data["dimensions"]),
                data["purpose"],
                period_start=data["period_start"],
                period_end=data["period_end"],
            )
        except ValidationError as error:
            for message in messages_of(error):
                form.add_error(None, message)
        else:
            messages.success(request, SENT)
            return redirect("agreements:request_detail", pk=made.pk)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "policy/request_form.html",
        {"form": form, "has_agreements": agreements.exists()},
        status=status,
    )


def _get_request(pk):
    return get_object_or_404(
        InformationRequest.objects.select_related(
            "organisation", "agreement", "requested_by", "decided_by"
        ).prefetch_related("dimensions", "answer_dimensions"),
        pk=pk,
    )


def _detail(request, item, form=None, status=200, show_answer=False):
    """The request page. The stored answer is shown only when `show_answer` (the caller
    checked `policy.download_information_answer` and recorded the view)."""
    user = request.user
    may_decide = rules.test_rule("policy.manage_agreements", user) and item.status == "submitted"
    return render(
        request,
        "policy/request_detail.html",
        {
            "item": item,
            "may_decide": may_decide,
            "form": form or (DecisionForm() if may_decide else None),
            "may_download": show_answer,
            "reports": (item.answer or {}).get("reports", []) if show_answer else [],
        },
        status=status,
    )


@never_cache
@login_required
def request_detail(request, pk):
    """A request, its decision and (for those who may download it, under the same
    rule and recorded the same way) its answer."""
    item = _get_request(pk)
    require(request.user, "policy.view_information_request", item)
    show_answer = rules.test_rule("policy.download_information_answer", request.user, item)
    if show_answer:
        services.view_answer(item, request.user)
    return _detail(request, item, show_answer=show_answer)


@never_cache
@login_required
@require_POST
def request_decide(request, pk):
    """Staff approve, narrow or decline a request."""
    require(request.user, "policy.manage_agreements")
    item = _get_request(pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.decide_request(
                item,
                request.user,
                data["decision"],
                note=data["note"],
                scope=data["scope"] or None,
                dimensions=list(data["dimensions"]),
            )
        except ValidationError as error:
            for message in messages_of(error):
                form.add_error(None, message)
        else:
            messages.success(request, DECIDED)
            return redirect("agreements:request_detail", pk=item.pk)
    return _detail(request, _get_request(pk), form=form, status=400)


@never_cache
@login_required
def request_download(request, pk):
    """The answer as CSV, for the asking organisation's members (recorded)."""
    item = _get_request(pk)
    require(request.user, "policy.download_information_answer", item)
    answer = services.download_answer(item, request.user)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(label) for _key, label in CSV_COLUMNS])
    for report in answer.get("reports", []):
        for row in publishable_rows(report):
            writer.writerow([row.get(key, "") for key, _label in CSV_COLUMNS])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="information-request-{item.pk}.csv"'
    return response
