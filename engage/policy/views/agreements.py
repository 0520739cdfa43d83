"""An agreement's pages: what a partner member can see and why, the agreement itself,
and the steps people take on it (sign, withdraw, send for signature, terminate)."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ..forms import ReasonForm, SignForm
from ..models import (
    AgreementSignatory,
    InformationSharingAgreement,
    PartnerGrant,
    PartnerOrganisation,
)
from ..services import agreements as services
from .common import get_agreement, messages_of, require

SIGNED = _("Thank you: your signature is recorded.")
WITHDRAWN = _("Your signature is withdrawn. The agreement no longer applies.")
SUBMITTED = _("The agreement was sent to its signatories.")
TERMINATED = _("The agreement is terminated. Partners no longer see what it shared.")


@never_cache
@login_required
def my_agreements(request):
    """What a partner member can see, and the agreements in force that say why."""
    require(request.user, "policy.see_own_agreements")
    today = timezone.localdate()
    organisations = PartnerOrganisation.objects.filter(
        is_active=True, memberships__user=request.user
    )
    in_force = (
        InformationSharingAgreement.objects.in_force(today)
        .for_member(request.user)
        .prefetch_related(
            Prefetch(
                "grants",
                queryset=PartnerGrant.objects.filter(organisation__in=organisations)
                .select_related("organisation")
                .order_by("organisation__name", "scope"),
                to_attr="my_grants",
            ),
            "parties__organisation",
            Prefetch(
                "signatories",
                queryset=AgreementSignatory.objects.select_related("user", "organisation"),
            ),
        )
        .order_by("expiry_date", "title")
    )
    waiting = (
        InformationSharingAgreement.objects.filter(
            signatories__user=request.user,
            signatories__signed_at__isnull=True,
            signatories__withdrawn_at__isnull=True,
            status__in=["awaiting_signatures", "in_force"],
        )
        .distinct()
        .order_by("title")
    )
    return render(
        request,
        "policy/my_agreements.html",
        {
            "agreements": list(in_force),
            "organisations": list(organisations),
            "waiting": list(waiting),
            "today": today,
        },
    )


def _context(request, agreement, **forms):
    user = request.user
    return {
        "agreement": agreement,
        "status": agreement.get_status_on_display(),
        "grants": agreement.grants.select_related("organisation").order_by(
            "organisation__name", "scope"
        ),
        "may_sign": rules.test_rule("policy.sign_agreement", user, agreement),
        "may_withdraw": rules.test_rule("policy.withdraw_signature", user, agreement),
        "may_manage": rules.test_rule("policy.manage_agreements", user),
        "sign_form": SignForm(),
        "withdraw_form": ReasonForm(prefix="withdraw"),
        "terminate_form": ReasonForm(prefix="terminate"),
        **forms,
    }


@never_cache
@login_required
def agreement_detail(request, pk):
    """An agreement: its terms, grants, signatories and what the reader may do."""
    agreement = get_agreement(pk)
    require(request.user, "policy.view_agreement", agreement)
    return render(request, "policy/agreement_detail.html", _context(request, agreement))


def _redisplay(request, agreement, **forms):
    """The agreement page again with a form's errors."""
    return render(
        request, "policy/agreement_detail.html", _context(request, agreement, **forms), status=400
    )


@never_cache
@login_required
@require_POST
def sign(request, pk):
    """The named signatory confirms their signature (audited)."""
    agreement = get_agreement(pk)
    require(request.user, "policy.sign_agreement", agreement)
    form = SignForm(request.POST)
    if not form.is_valid():
        return _redisplay(request, agreement, sign_form=form)
    services.sign(agreement, request.user)
    messages.success(request, SIGNED)
    return redirect("agreements:detail", pk=agreement.pk)


@never_cache
@login_required
@require_POST
def withdraw_signature(request, pk):
    """A signatory withdraws: the agreement no longer applies, at once."""
    agreement = get_agreement(pk)
    require(request.user, "policy.withdraw_signature", agreement)
    form = ReasonForm(request.POST, prefix="withdraw")
    if not form.is_valid():
        return _redisplay(request, agreement, withdraw_form=form)
    services.withdraw_signature(agreement, request.user, form.cleaned_data["reason"])
    messages.success(request, WITHDRAWN)
    return redirect("agreements:detail", pk=agreement.pk)


@never_cache
@login_required
@require_POST
def submit(request, pk):
    """Staff send a draft to its signatories."""
    require(request.user, "policy.manage_agreements")
    agreement = get_agreement(pk)
    try:
        services.submit_for_signature(agreement, request.user)
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
    else:
        messages.success(request, SUBMITTED)
    return redirect("agreements:detail", pk=agreement.pk)


@never_cache
@login_required
@require_POST
def terminate(request, pk):
    """Staff end an agreement; access ends at once."""
    require(request.user, "policy.manage_agreements")
    agreement = get_agreement(pk)
    form = ReasonForm(request.POST, prefix="terminate")
    if not form.is_valid():
        return _redisplay(request, agreement, terminate_form=form)
    try:
        services.terminate(agreement, request.user, form.cleaned_data["reason"])
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
    else:
        messages.success(request, TERMINATED)
    return redirect("agreements:detail", pk=agreement.pk)
