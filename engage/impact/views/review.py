"""The leaders' review page (read the grid, comment, co-sign the latest version) and
the published summary residents see."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .. import services
from ..forms import CommentForm, SignOffForm
from ..grid import grid
from .common import get_assessment, groups_of, messages_of, require


@never_cache
@login_required
def assessment_review(request, pk):
    assessment = get_assessment(pk)
    require(request.user, "impact.view_assessment", assessment)
    may_comment = rules.test_rule("impact.comment", request.user, assessment)
    may_sign = rules.test_rule("impact.sign_off", request.user, assessment)
    groups = groups_of(assessment)
    comment_form = CommentForm(prefix="comment", groups=groups)
    signoff_form = SignOffForm(prefix="signoff")
    latest = services.latest_version(assessment)
    errors = []
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "comment":
                if not may_comment:
                    raise PermissionDenied
                comment_form = CommentForm(request.POST, prefix="comment", groups=groups)
                if comment_form.is_valid():
                    category_id = comment_form.cleaned_data["category"]
                    row = (
                        assessment.rows.select_related("category")
                        .filter(category_id=category_id)
                        .first()
                    )
                    services.add_comment(
                        assessment,
                        author=request.user,
                        body=comment_form.cleaned_data["body"],
                        category=row.category if row else None,
                    )
                    messages.success(request, _("Comment added."))
                    return redirect("impact:assessment_review", pk=assessment.pk)
            elif action == "sign_off":
                if not may_sign:
                    raise PermissionDenied
                signoff_form = SignOffForm(request.POST, prefix="signoff")
                if signoff_form.is_valid():
                    services.sign_off(
                        assessment,
                        user=request.user,
                        decision=signoff_form.cleaned_data["decision"],
                        note=signoff_form.cleaned_data["note"],
                        version=latest,
                    )
                    messages.success(request, _("Thank you: your answer is recorded."))
                    return redirect("impact:assessment_review", pk=assessment.pk)
            else:
                errors = [_("Unknown action.")]
        except ValidationError as error:
            errors = messages_of(error)
    grid_rows, warnings, subject = grid(assessment)
    context = {
        "assessment": assessment,
        "subject": subject,
        "grid_rows": grid_rows,
        "warnings": warnings,
        "latest": latest,
        # Who said and signed what is for the people in the conversation (staff and the
        # assessment's leaders), not for a partner reading the grid.
        "signoffs": latest.signoffs.select_related("user") if latest and may_comment else [],
        "comments": (
            assessment.comments.select_related("author", "category", "version")
            if may_comment
            else []
        ),
        "may_comment": may_comment,
        "may_sign": may_sign,
        "comment_form": comment_form,
        "signoff_form": signoff_form,
        "errors": errors,
    }
    return render(request, "impact/assessment_review.html", context, status=400 if errors else 200)


@never_cache
def assessment_summary(request, pk):
    """The signed version of a published assessment, for everyone; unpublished ones
    only for those who may view the assessment (others get a 404)."""
    assessment = get_assessment(pk)
    if not rules.test_rule("impact.view_summary", request.user, assessment):
        raise Http404
    version = services.latest_version(assessment)
    return render(
        request,
        "impact/assessment_summary.html",
        {"assessment": assessment, "version": version, "rows": summary_rows(version)},
    )


def summary_rows(version):
    """The snapshot's rows grouped by dimension: [(dimension, [row, …]), …]."""
    grouped = {}
    for row in version.snapshot.get("rows", []) if version else []:
        grouped.setdefault(row["dimension"], []).append(row)
    return list(grouped.items())
