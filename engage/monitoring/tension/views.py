"""The HTTP edge of tension assessments under /<lang>/tension/: never public.

City staff and members of partners with a grant for an area see its assessments;
partner members submit new ones and revise their organisation's. Every write goes
through `services` (a new version and an audit entry each time). Works without
JavaScript."""

import rules
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from .forms import AssessmentForm, RevisionForm
from .models import Assessment, AssessmentVersion, AuditEntry
from .rules import REVISE, SUBMIT, VIEW, VIEW_ANY
from .services import revise_assessment, submit_assessment


def _require(request, rule, obj=None):
    """Send anonymous visitors to log in; refuse everyone else the rule refuses."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not rules.test_rule(rule, request.user, obj):
        raise PermissionDenied
    return None


@never_cache
def index(request):
    refused = _require(request, VIEW_ANY)
    if refused:
        return refused
    assessments = Assessment.objects.select_related("area", "organisation").visible_to(request.user)
    area = request.GET.get("area", "")
    if area:
        assessments = assessments.filter(area__code=area)
    return TemplateResponse(
        request,
        "tension/index.html",
        {
            "assessments": assessments[:200],
            "area": area,
            "may_submit": rules.test_rule(SUBMIT, request.user),
        },
    )


@never_cache
def create(request):
    refused = _require(request, SUBMIT)
    if refused:
        return refused
    form = AssessmentForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                assessment = submit_assessment(request.user, **form.service_fields())
            except ValidationError as error:
                form.add_error(None, error)
            except PermissionDenied:
                form.add_error("area", _("Your organisation has no grant for this area."))
            else:
                messages.success(request, _("Thank you. The assessment has been saved."))
                return redirect("monitoring_tension:detail", pk=assessment.pk)
        status = 400
    return TemplateResponse(
        request, "tension/form.html", {"form": form, "assessment": None}, status=status
    )


def _assessment(request, pk):
    assessment = get_object_or_404(
        Assessment.objects.select_related("area", "organisation").prefetch_related("indicators"),
        pk=pk,
    )
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    if not rules.test_rule(VIEW, request.user, assessment):
        raise Http404("not visible")
    return assessment, None


@never_cache
def detail(request, pk):
    assessment, refused = _assessment(request, pk)
    if refused:
        return refused
    versions = AssessmentVersion.objects.filter(assessment=assessment).select_related("author")
    audit = AuditEntry.objects.filter(assessment=assessment).select_related("user", "organisation")
    return TemplateResponse(
        request,
        "tension/detail.html",
        {
            "assessment": assessment,
            "versions": versions,
            "audit": audit,
            "may_revise": rules.test_rule(REVISE, request.user, assessment),
        },
    )


@never_cache
def edit(request, pk):
    assessment, refused = _assessment(request, pk)
    if refused:
        return refused
    if not rules.test_rule(REVISE, request.user, assessment):
        raise PermissionDenied
    form = RevisionForm(request.POST or None, instance=Assessment.objects.get(pk=assessment.pk))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            revise_assessment(request.user, assessment, **form.service_fields())
            messages.success(
                request, _("The assessment has been revised. Earlier versions are kept.")
            )
            return redirect("monitoring_tension:detail", pk=assessment.pk)
        status = 400
    return TemplateResponse(
        request, "tension/form.html", {"form": form, "assessment": assessment}, status=status
    )
