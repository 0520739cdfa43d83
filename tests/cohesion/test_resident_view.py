"""The cohesion section on the consultation page, in plain words, for everyone."""

import pytest
from django.core.cache import cache

from consultations.cohesion import services
from engage.impact.models import AssessmentStatus, ExpectedImpact, ImpactAssessment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the consultation article is cached for a minute
    yield
    cache.clear()


def test_residents_read_the_summary_groups_and_alert_count(
    client, placed_consultation, complete_section, alerts
):
    complete_section.alerts.set([alerts["in_area"], alerts["consultation"]])
    html = client.get(placed_consultation.url).content.decode()
    assert "How we thought about relations between communities" in html
    assert "We checked that the new park leaves nobody out." in html
    assert "A youth shelter was added." in html
    assert "Children" in html and "Teenagers" in html
    assert "2 early-warning alerts" in html


def test_in_arabic_the_summary_is_the_arabic_one(client, placed_consultation, complete_section):
    html = client.get(f"/ar{placed_consultation.url[3:]}").content.decode()
    assert "تحققنا من أن الحديقة الجديدة لا تستثني أحدًا." in html


def test_nothing_is_shown_without_a_complete_section(client, placed_consultation):
    services.section_for_consultation(placed_consultation)
    html = client.get(placed_consultation.url).content.decode()
    assert "cohesion-heading" not in html


def test_published_assessments_are_linked_with_their_displacement_warnings(
    client, placed_consultation, complete_section, groups
):
    assessment = ImpactAssessment.objects.create(
        title="Park assessment",
        subject_scope=f"consultation:{placed_consultation.pk}",
        status=AssessmentStatus.PUBLISHED,
    )
    assessment.dimensions.set([groups["children"].dimension])
    ExpectedImpact.objects.create(
        assessment=assessment, category=groups["children"], impact=2, directly_affected=True
    )
    ExpectedImpact.objects.create(assessment=assessment, category=groups["older"], impact=-1)
    draft = ImpactAssessment.objects.create(
        title="Draft assessment", subject_scope=f"consultation:{placed_consultation.pk}"
    )
    html = client.get(placed_consultation.url).content.decode()
    assert f"/impact/assessments/{assessment.pk}/summary/" in html
    assert "Winners and losers" in html
    assert f"/impact/assessments/{draft.pk}/summary/" not in html
