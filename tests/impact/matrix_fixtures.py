"""Builders for the city-matrix tests (I3): policy areas, groups and assessments whose
expected impacts are written straight to the database."""

from engage.communities.models import Category, Dimension
from engage.impact.models import ExpectedImpact, ImpactAssessment
from engage.policy.models import PolicyArea


def city(areas=(("housing", 4), ("parks", 1), ("policing", None)), groups=("young", "older")):
    """Policy areas `(slug, weight)` and a dimension "age" with `groups`."""
    made_areas = {
        slug: PolicyArea.objects.create(name=slug.title(), slug=slug, risk_weight=weight)
        for slug, weight in areas
    }
    dimension = Dimension.objects.create(name="Age", slug="age")
    made_groups = {
        slug: Category.objects.create(
            dimension=dimension, name=slug.title(), slug=slug, sort_order=i
        )
        for i, slug in enumerate(groups)
    }
    return made_areas, dimension, made_groups


def assessment(area, impacts, status="published", scope="", **kwargs):
    """An assessment of `area` with a row per `{group: impact}` (None: unknown)."""
    made = ImpactAssessment.objects.create(
        title=f"Assessment of {area.name}",
        policy_area=area,
        status=status,
        subject_scope=scope,
        **kwargs,
    )
    ExpectedImpact.objects.bulk_create(
        ExpectedImpact(assessment=made, category=group, impact=impact)
        for group, impact in impacts.items()
    )
    return made
