"""The staff editor: list, create, and edit an assessment's grid (no JavaScript).

The grid is one table inside one form (a formset, a row per community group); the
other actions (save a version, send for review, publish, comment) are small forms
below it, each posting `action=<name>`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from .. import services
from ..forms import (
    CommentForm,
    LeadersForm,
    NewAssessmentForm,
    RowFormSet,
    VersionForm,
    row_initial,
)
from ..grid import grid
from ..models import ImpactAssessment
from .common import get_assessment, groups_of, messages_of, require

MANAGE = "impact.manage_assessments"


@never_cache
@login_required
def assessment_list(request):
    require(request.user, MANAGE)
    assessments = ImpactAssessment.objects.select_related("policy_area").order_by("-updated_at")
    return render(request, "impact/assessment_list.html", {"assessments": assessments})


@never_cache
@login_required
def assessment_create(request):
    require(request.user, MANAGE)
    form = NewAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.create_assessment(
                subject_scope=form.cleaned_data["subject_scope"].strip(),
                title=form.cleaned_data["title"],
                policy_area=form.cleaned_data["policy_area"],
                dimensions=form.cleaned_data["dimensions"],
                created_by=request.user,
                leaders=form.cleaned_data["leaders"] or None,
            )
        except ValidationError as error:
            for message in messages_of(error):
                form.add_error(None, message)
        else:
            messages.success(request, _("Assessment created: fill in each group's row."))
            return redirect("impact:assessment_edit", pk=assessment.pk)
    return render(request, "impact/assessment_create.html", {"form": form})


FLAGS = ("directly_affected", "wider_audience")


@transaction.atomic
def _save_rows(request, assessment, formset):
    """Save the grid's changed rows together: all or none. On a standalone assessment
    staff also mark the directly affected and wider-audience groups (a consultation's
    come from the consultation and are not in the form)."""
    standalone = not assessment.subject_scope
    rows = {row.pk: row for row in assessment.rows.all()}
    saved = 0
    for form in formset:
        row = rows.get(form.cleaned_data.get("row"))
        if row is None:
            continue
        data = form.cleaned_data
        flags = {name: data[name] for name in FLAGS} if standalone else {}
        if (
            row.impact == data["impact"]
            and row.rationale == data["rationale"].strip()
            and row.evidence == data["evidence"]
            and row.confidence == data["confidence"]
            and all(getattr(row, name) == value for name, value in flags.items())
        ):
            continue
        row.assessment = assessment
        services.update_row(
            row,
            impact=data["impact"],
            rationale=data["rationale"],
            evidence=data["evidence"],
            confidence=data["confidence"],
            **flags,
        )
        saved += 1
    return saved


ACTIONS = {"save_version", "submit", "publish", "comment", "leaders"}


@never_cache
@login_required
def assessment_edit(request, pk):
    require(request.user, MANAGE)
    assessment = get_assessment(pk)
    grid_rows, warnings, subject = grid(assessment)
    initial = [row_initial(g.row) for g in grid_rows]
    formset = RowFormSet(initial=initial, prefix="rows")
    version_form = VersionForm(prefix="version")
    leaders_form = LeadersForm(
        prefix="leaders", initial={"leaders": list(assessment.leaders.values_list("pk", flat=True))}
    )
    comment_form = CommentForm(prefix="comment", groups=groups_of(assessment))
    errors = []
    if request.method == "POST":
        action = request.POST.get("action", "save_rows")
        try:
            if action == "save_rows":
                formset = RowFormSet(request.POST, initial=initial, prefix="rows")
                if formset.is_valid():
                    saved = _save_rows(request, assessment, formset)
                    messages.success(
                        request,
                        ngettext("%(count)s row saved.", "%(count)s rows saved.", saved)
                        % {"count": saved},
                    )
                    return redirect("impact:assessment_edit", pk=assessment.pk)
            elif action in {"save_version", "submit"}:
                version_form = VersionForm(request.POST, prefix="version")
                if version_form.is_valid():
                    note = version_form.cleaned_data["note"]
                    if action == "submit":
                        version = services.submit_for_review(assessment, by=request.user, note=note)
                        text = _("Version {number} sent to the leaders for co-signature.")
                    else:
                        version = services.save_version(assessment, by=request.user, note=note)
                        text = _("Version {number} saved.")
                    messages.success(request, text.format(number=version.number))
                    return redirect("impact:assessment_edit", pk=assessment.pk)
            elif action == "publish":
                services.publish(assessment, by=request.user)
                messages.success(request, _("Published: residents can now read the summary."))
                return redirect("impact:assessment_edit", pk=assessment.pk)
            elif action == "leaders":
                leaders_form = LeadersForm(request.POST, prefix="leaders")
                if leaders_form.is_valid():
                    services.set_leaders(assessment, leaders_form.cleaned_data["leaders"])
                    messages.success(request, _("The leaders who co-sign are saved."))
                    return redirect("impact:assessment_edit", pk=assessment.pk)
            elif action == "comment":
                comment_form = CommentForm(
                    request.POST, prefix="comment", groups=groups_of(assessment)
                )
                if comment_form.is_valid():
                    services.add_comment(
                        assessment,
                        author=request.user,
                        body=comment_form.cleaned_data["body"],
                        category=_category(assessment, comment_form.cleaned_data["category"]),
                    )
                    messages.success(request, _("Comment added."))
                    return redirect("impact:assessment_edit", pk=assessment.pk)
        except ValidationError as error:
            errors = messages_of(error)
    context = {
        "assessment": assessment,
        "subject": subject,
        "warnings": warnings,
        "rows_and_forms": list(zip(grid_rows, formset.forms, strict=False)),
        "formset": formset,
        "version_form": version_form,
        "standalone": not assessment.subject_scope,
        "leaders_form": leaders_form,
        "comment_form": comment_form,
        "errors": errors,
        "comments": assessment.comments.select_related("author", "category", "version"),
        "versions": assessment.versions.prefetch_related("signoffs__user"),
        "leaders": assessment.leaders.all(),
    }
    return render(request, "impact/assessment_edit.html", context, status=400 if errors else 200)


def _category(assessment, category_id):
    if category_id is None:
        return None
    row = assessment.rows.select_related("category").filter(category_id=category_id).first()
    return row.category if row else None
