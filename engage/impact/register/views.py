"""Pages of the unintended-consequences register, for city staff (two-factor): the
register ranked by score, the overdue reviews, and one entry's form."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Consequence, ConsequenceStatus
from . import rules as _register_rules  # noqa: F401 - registers the rule
from . import services
from .forms import ConsequenceForm

MANAGE = "impact.manage_register"


def _require_staff(request):
    if not rules.test_rule(MANAGE, request.user):
        raise PermissionDenied


def _listed():
    return Consequence.objects.with_score().select_related("assessment", "policy_area", "owner")


@login_required
def register_list(request):
    """Every entry still under review, highest score first; closed ones at the end."""
    _require_staff(request)
    today = timezone.localdate()
    entries = _listed().order_by("-risk_score", "review_date", "pk")
    return render(
        request,
        "impact/register/list.html",
        {
            "entries": [entry for entry in entries if entry.status != ConsequenceStatus.CLOSED],
            "closed": [entry for entry in entries if entry.status == ConsequenceStatus.CLOSED],
            "overdue_count": Consequence.objects.overdue(today).count(),
            "today": today,
        },
    )


@login_required
def register_overdue(request):
    """Reviews whose date has passed, most overdue first."""
    _require_staff(request)
    today = timezone.localdate()
    entries = _listed().overdue(today).order_by("review_date", "-risk_score", "pk")
    return render(request, "impact/register/overdue.html", {"entries": entries, "today": today})


@login_required
def register_create(request):
    _require_staff(request)
    initial = {key: request.GET[key] for key in ("assessment", "policy_area") if key in request.GET}
    return _edit(request, ConsequenceForm(request.POST or None, initial=initial), created=True)


@login_required
def register_edit(request, pk):
    _require_staff(request)
    consequence = get_object_or_404(Consequence, pk=pk)
    return _edit(request, ConsequenceForm(request.POST or None, instance=consequence))


def _edit(request, form, created=False):
    if request.method == "POST" and form.is_valid():
        services.save_consequence(form)
        messages.success(request, _("The register entry has been saved."))
        return redirect("impact:register")
    return render(
        request,
        "impact/register/form.html",
        {"form": form, "created": created},
        status=400 if request.method == "POST" else 200,
    )
