"""Writing a cohesion section: pre-filled groups, the alerts of the area and period, one
subject per section, and standalone decision records."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from consultations.cohesion import services
from consultations.cohesion.models import CohesionSection
from engage.impact.models import ImpactAssessment

pytestmark = pytest.mark.django_db


def test_a_new_section_starts_with_the_affected_groups_and_the_wider_audience(
    placed_consultation, groups
):
    section = services.section_for_consultation(placed_consultation)
    assert set(section.groups.all()) == {groups["children"], groups["teenagers"]}
    assert not services.is_complete(section)
    # Asking again returns the same section and keeps staff's choice of groups.
    section.groups.set([groups["older"]])
    again = services.section_for_consultation(placed_consultation)
    assert again.pk == section.pk
    assert list(again.groups.all()) == [groups["older"]]


def test_alerts_to_consider_are_those_of_the_area_and_the_period(placed_consultation, alerts):
    section = services.section_for_consultation(placed_consultation)
    found = set(services.alerts_to_consider(section))
    assert found == {alerts["in_area"], alerts["consultation"]}


def test_a_section_is_complete_with_what_was_considered_and_the_residents_summary(
    complete_section,
):
    assert services.is_complete(complete_section)
    complete_section.resident_summary_en = ""
    complete_section.save()
    assert not services.is_complete(complete_section)


def test_a_section_has_exactly_one_subject(placed_consultation):
    assessment = ImpactAssessment.objects.create(title="Station Square ban")
    with pytest.raises(IntegrityError), transaction.atomic():
        CohesionSection.objects.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        CohesionSection.objects.create(consultation=placed_consultation, assessment=assessment)


def test_a_decision_record_gets_its_own_section_with_its_marked_groups(groups):
    from engage.impact.models import ExpectedImpact

    assessment = ImpactAssessment.objects.create(title="Station Square ban")
    ExpectedImpact.objects.create(
        assessment=assessment, category=groups["older"], directly_affected=True
    )
    ExpectedImpact.objects.create(assessment=assessment, category=groups["children"])
    section = services.section_for_decision(assessment)
    assert list(section.groups.all()) == [groups["older"]]
    assert section.subject_scope == ""


def test_an_assessment_of_a_consultation_is_not_a_decision_record(placed_consultation):
    assessment = ImpactAssessment.objects.create(
        title="Park", subject_scope=f"consultation:{placed_consultation.pk}"
    )
    with pytest.raises(ValidationError, match="add the cohesion section to the consultation"):
        services.section_for_decision(assessment)
    assert not CohesionSection.objects.exists()
