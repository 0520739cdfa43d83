"""The real "impact_templates" kind: the structure of a published assessment without
figures about people; accepting creates a draft and never overwrites a local one."""

import json

import pytest
from django.core.exceptions import ValidationError

from engage.exchange.kinds.impact_templates import IMPACT_TEMPLATES, apply, find_local
from engage.exchange.registry import ExportOptions, Provenance
from engage.impact.models import AssessmentStatus, ExpectedImpact, ImpactAssessment
from tests.factories.communities import dimension_with_groups

pytestmark = pytest.mark.django_db

PROVENANCE = Provenance(
    "Rotterdam", "https://r.example", "p1", "2026-12-01", "CC-BY-4.0", "sha256:0"
)


@pytest.fixture
def published():
    dimension = dimension_with_groups("Faith", {"muslim": "Muslim", "jewish": "Jewish"})
    assessment = ImpactAssessment.objects.create(
        title="Closing the community centre", status=AssessmentStatus.PUBLISHED
    )
    assessment.dimensions.set([dimension])
    for category in dimension.categories.all():
        ExpectedImpact.objects.create(
            assessment=assessment,
            category=category,
            impact=-2,
            rationale="Seventeen families said they would lose their meeting place",
            directly_affected=category.slug == "muslim",
        )
    ImpactAssessment.objects.create(title="Draft only")  # not published: never exported
    return assessment


def test_template_has_the_structure_and_no_figures(published):
    (item,) = IMPACT_TEMPLATES.export(ExportOptions())
    assert item["key"] == "closing-the-community-centre"
    (dimension,) = item["dimensions"]
    assert [group["label"] for group in dimension["groups"]] == ["Muslim", "Jewish"]
    assert dimension["groups"][0]["directly_affected"] is True
    assert {c["code"] for c in item["register_categories"]} >= {"social_cohesion", "displacement"}
    text = json.dumps(item)
    assert "Seventeen" not in text and '"impact": -2' not in text


def test_accepting_creates_a_draft_and_a_second_collides(published):
    (item,) = IMPACT_TEMPLATES.export(ExportOptions())
    item = {**item, "title": "Closing a library"}
    assert find_local(item) is None
    apply(item, PROVENANCE)
    created = ImpactAssessment.objects.get(title="Closing a library")
    assert created.status == AssessmentStatus.DRAFT
    assert created.rows.count() == 2 and not created.rows.exclude(impact=None).exists()
    assert find_local(item) == created


def test_a_missing_dimension_says_what_to_do(published):
    (item,) = IMPACT_TEMPLATES.export(ExportOptions())
    item = {
        **item,
        "title": "Other",
        "dimensions": [{"code": "caste", "label": "Caste", "groups": []}],
    }
    with pytest.raises(ValidationError, match="caste"):
        apply(item, PROVENANCE)
    assert not ImpactAssessment.objects.filter(title="Other").exists()
