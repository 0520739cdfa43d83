"""360° impact assessments (/<lang>/impact/assessments/, issue #16).

The editor (list, create, edit) is city staff's (TOTP). Assessment 1 is in review:
its review page is for staff, its co-signing leader (the demo leader) and partners
whose grant covers its consultation (the demo partner has a city-wide grant); its
summary (site and API) is not published yet, so residents, visitors, moderators and staff without
TOTP get a 404 — a published summary is public (tests/impact/test_assessment_views.py).
"""

from tests.security.matrix import LEAD, PARTNER, STAFF, STAFF_ONLY, get

REVIEWERS = frozenset({STAFF, LEAD, PARTNER})

API_PATH_VALUES = {"assessment_id": "impact_assessment"}

ROUTES = {
    "impact:assessments": get(STAFF_ONLY),
    "impact:assessment_create": get(STAFF_ONLY),
    "impact:assessment_edit": get(STAFF_ONLY),
    "impact:assessment_review": get(REVIEWERS),
    "impact:assessment_summary": get(REVIEWERS),
}


def build(world):
    """Impact assessment 1 (the id the matrix puts in `<pk>`), in review, with the
    demo leader as its co-signing leader, on the demo consultation Riverside Park."""
    from wagtail.models import Page

    from engage.communities.models import Category, Dimension
    from engage.impact import services
    from engage.impact.models import ExpectedImpact, ImpactAssessment

    assessment = ImpactAssessment.objects.filter(pk=1).first()
    if assessment is None:
        page = Page.objects.filter(slug="riverside-park").first()
        made = ImpactAssessment.objects.create(
            title="Permission matrix assessment",
            subject_scope=f"consultation:{page.pk}" if page else "",
        )
        # Created through the sequence, then renumbered, so later ones do not collide.
        ImpactAssessment.objects.filter(pk=made.pk).update(id=1)
        assessment = ImpactAssessment.objects.get(pk=1)
        dimension = Dimension.objects.order_by("pk").first()
        assessment.dimensions.set([dimension])
        ExpectedImpact.objects.bulk_create(
            ExpectedImpact(assessment=assessment, category=category)
            for category in Category.objects.filter(dimension=dimension)
        )
    # Whatever assessment 1 is (the demo's may be), it is in review, led by the leader.
    ImpactAssessment.objects.filter(pk=1).update(status="draft", published_at=None)
    assessment.refresh_from_db()
    assessment.leaders.set([world.users["leader"]])
    services.submit_for_review(assessment, by=world.users["staff"])
    world.ids["impact_assessment"] = 1


def api_ops(world):
    return {"GET /api/v1/impact/assessments/{assessment_id}": get(REVIEWERS)}
