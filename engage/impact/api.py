"""API of impact assessments (django-ninja), mounted in engage/api.py at /impact/.

`GET /api/v1/impact/assessments/{id}`: an assessment's summary — the rows of its latest
saved version (for a published assessment, the version its leaders co-signed). Anyone
may read a published one; before that only those who may view the assessment
(`impact.view_assessment`); everyone else gets a 404, as on the site.
"""

import rules
from django.http import Http404
from ninja import Router, Schema

from engage.apikit import PUBLIC_READ, ErrorOut

from .models import ImpactAssessment
from .services import latest_version

router = Router(tags=["impact"], auth=PUBLIC_READ)


class RowOut(Schema):
    dimension: str
    group: str
    impact: int | None
    confidence: str
    rationale: str
    evidence: list[dict]
    directly_affected: bool
    wider_audience: bool


class AssessmentOut(Schema):
    id: int
    title: str
    subject: str
    policy_area: str | None
    status: str
    version: int | None
    rows: list[RowOut]


@router.get(
    "/assessments/{int:assessment_id}",
    response={200: AssessmentOut, 404: ErrorOut},
    summary="An impact assessment's summary",
    url_name="impact_assessment",
)
def assessment_summary(request, assessment_id: int):
    """The latest saved version of the assessment's grid (see the module docstring)."""
    assessment = (
        ImpactAssessment.objects.select_related("policy_area").filter(pk=assessment_id).first()
    )
    if assessment is None or not rules.test_rule("impact.view_summary", request.user, assessment):
        raise Http404
    version = latest_version(assessment)
    rows = version.snapshot.get("rows", []) if version else []
    return {
        "id": assessment.pk,
        "title": assessment.title,
        "subject": assessment.subject_scope,
        "policy_area": assessment.policy_area.slug if assessment.policy_area else None,
        "status": assessment.status,
        "version": version.number if version else None,
        "rows": [
            {
                "dimension": row["dimension"],
                "group": row["category"],
                "impact": row["impact"],
                "confidence": row["confidence"],
                "rationale": row["rationale"],
                "evidence": row["evidence"],
                "directly_affected": row["directly_affected"],
                "wider_audience": row["wider_audience"],
            }
            for row in rows
        ],
    }
