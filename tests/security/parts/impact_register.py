"""The perceived-impact action on a survey (/admin/engagement/surveys/<pk>/
perceived-impact/, staff who may change surveys), the unintended-consequences register (/<lang>/impact/register/) and the equality
impact assessment download (/<lang>/impact/assessments/<pk>/eia/pdf/ and docx/),
issue #16.

Both are city staff's (TOTP). The demo partner's city-wide grant is for viewing
reports, not exporting, so it is refused the EIA download; a partner with an EXPORT
grant downloads it (tests/impact/test_eia.py). Register entry 1 is the one `build`
makes; assessment 1 is made by the impact_assessments part.
"""

from tests.security.matrix import STAFF_ONLY, admin, get

ROUTES = {
    # The perceived-impact action on a survey (Wagtail admin; GET is the confirmation).
    "engagement_admin:add_perceived_impact": admin(STAFF_ONLY),
    "impact:register": get(STAFF_ONLY),
    "impact:register_overdue": get(STAFF_ONLY),
    "impact:register_create": get(STAFF_ONLY),
    "impact:register_edit": get(STAFF_ONLY),
    "impact:eia_pdf": get(STAFF_ONLY),
    "impact:eia_docx": get(STAFF_ONLY),
}


def build(world):
    """Register entry 1, on the first policy area (one is made when there is none)."""
    import datetime

    from engage.impact.models import Consequence, ConsequenceCategory
    from engage.policy.models import PolicyArea

    if Consequence.objects.filter(pk=1).exists():
        return
    area = PolicyArea.objects.order_by("pk").first() or PolicyArea.objects.create(
        name="Permission matrix area", slug="permission-matrix-area"
    )
    made = Consequence.objects.create(
        policy_area=area,
        description="Permission matrix consequence",
        category=ConsequenceCategory.SOCIAL_COHESION,
        likelihood=2,
        severity=3,
        review_date=datetime.date(2026, 1, 1),
    )
    Consequence.objects.filter(pk=made.pk).update(id=1)
