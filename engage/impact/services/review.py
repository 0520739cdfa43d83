"""Versions, comments, the leaders' co-signature and publishing.

The brief's sign-off pattern (consultations/briefs): staff send a version for review;
each leader approves or declines that version; when every leader has approved the
latest version the assessment is signed off, and staff may publish it. Editing a row
afterwards returns it to draft (see `assessments.update_row`).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    AssessmentComment,
    AssessmentSignOff,
    AssessmentStatus,
    AssessmentVersion,
    ImpactAssessment,
)
from ..publication import publication_problems


def snapshot(assessment):
    """The grid as JSON: what a version records."""
    rows = assessment.rows.select_related("category__dimension")
    return {
        "title": assessment.title,
        "dimensions": sorted(assessment.dimensions.values_list("slug", flat=True)),
        "rows": [
            {
                "category_id": row.category_id,
                "category": row.category.name,
                "dimension": row.category.dimension.slug,
                "impact": row.impact,
                "rationale": row.rationale,
                "evidence": row.evidence,
                "confidence": row.confidence,
                "directly_affected": row.directly_affected,
                "wider_audience": row.wider_audience,
            }
            for row in rows
        ],
    }


def latest_version(assessment):
    return assessment.versions.order_by("-number").first()


@transaction.atomic
def save_version(assessment, *, by, note=""):
    """Record the grid as the next version (1, 2, …)."""
    locked = ImpactAssessment.objects.select_for_update().get(pk=assessment.pk)
    number = locked.version + 1
    version = AssessmentVersion.objects.create(
        assessment=locked, number=number, snapshot=snapshot(locked), note=note, created_by=by
    )
    locked.version = number
    locked.save(update_fields=["version", "updated_at"])
    assessment.version = number
    return version


@transaction.atomic
def submit_for_review(assessment, *, by, note=""):
    """Save a version and ask the leaders to co-sign it."""
    if assessment.status == AssessmentStatus.PUBLISHED:
        raise ValidationError(_("This assessment is already published."))
    if not assessment.leaders.exists():
        raise ValidationError(_("Choose at least one community leader to co-sign it."))
    version = save_version(assessment, by=by, note=note)
    ImpactAssessment.objects.filter(pk=assessment.pk).update(status=AssessmentStatus.IN_REVIEW)
    assessment.status = AssessmentStatus.IN_REVIEW
    return version


def add_comment(assessment, *, author, body, category=None):
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a comment."))
    if category is not None and not assessment.rows.filter(category=category).exists():
        raise ValidationError(_("That group is not in this assessment."))
    return AssessmentComment.objects.create(
        assessment=assessment,
        author=author,
        body=body,
        category=category,
        version=latest_version(assessment),
    )


@transaction.atomic
def sign_off(assessment, *, user, decision, note="", version=None):
    """A leader's answer on the latest version; when every leader has approved it,
    the assessment is signed off. Raises PermissionDenied / ValidationError."""
    assessment = ImpactAssessment.objects.select_for_update().get(pk=assessment.pk)
    if not assessment.leaders.filter(pk=user.pk).exists():
        raise PermissionDenied(_("Only the community leaders of this assessment co-sign it."))
    if assessment.status != AssessmentStatus.IN_REVIEW:
        raise ValidationError(_("This assessment is not waiting for co-signatures."))
    latest = latest_version(assessment)
    if version is not None and version.pk != latest.pk:
        raise ValidationError(
            _("Version %(number)s has been replaced: review the latest one.")
            % {"number": version.number}
        )
    if decision not in AssessmentSignOff.Decision.values:
        raise ValidationError(_("Approve or decline."))
    AssessmentSignOff.objects.update_or_create(
        version=latest,
        user=user,
        defaults={
            "assessment": assessment,
            "decision": decision,
            "note": note.strip(),
            "signed_at": timezone.now(),
        },
    )
    approved = set(
        latest.signoffs.filter(decision=AssessmentSignOff.Decision.APPROVE).values_list(
            "user_id", flat=True
        )
    )
    if approved >= set(assessment.leaders.values_list("pk", flat=True)):
        assessment.status = AssessmentStatus.SIGNED_OFF
        assessment.save(update_fields=["status", "updated_at"])
    return assessment


def publish(assessment, *, by):
    """Publish a signed-off assessment: its summary becomes visible to residents."""
    with transaction.atomic():
        # Locked and read again, so a row edit cannot slip in between (services.update_row).
        locked = ImpactAssessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.status != AssessmentStatus.SIGNED_OFF:
            raise ValidationError(_("Only an assessment every leader has co-signed is published."))
        if problems := publication_problems(locked):
            raise ValidationError(problems)
        locked.status = AssessmentStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.save(update_fields=["status", "published_at", "updated_at"])
    assessment.status, assessment.published_at = locked.status, locked.published_at
    return assessment
