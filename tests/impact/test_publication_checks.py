"""engage/impact's publication-check registry: a registered check refuses publishing
with its own message; without refusals publishing goes ahead."""

import pytest
from django.core.exceptions import ValidationError

from engage.impact import publication
from engage.impact.models import AssessmentStatus, ImpactAssessment
from engage.impact.services import review

pytestmark = pytest.mark.django_db


@pytest.fixture
def refusing_check():
    def check(assessment):
        return f"Refused: {assessment.title} needs more." if "ban" in assessment.title else None

    publication.register_publication_check(check)
    yield check
    publication.unregister_publication_check(check)


def record(title):
    # A consultation's assessment, so the cohesion check (standalone records) stays out.
    return ImpactAssessment.objects.create(
        title=title, status=AssessmentStatus.SIGNED_OFF, subject_scope="consultation:1"
    )


def test_a_registered_check_refuses_with_its_message(refusing_check):
    assessment = record("Square ban")
    with pytest.raises(ValidationError, match="Refused: Square ban needs more."):
        review.publish(assessment, by=None)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SIGNED_OFF


def test_publishing_goes_ahead_when_no_check_refuses(refusing_check):
    assessment = record("Library hours")
    review.publish(assessment, by=None)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.PUBLISHED


def test_registering_twice_runs_the_check_once(refusing_check):
    publication.register_publication_check(refusing_check)
    assert publication.publication_problems(record("Square ban")) == [
        "Refused: Square ban needs more."
    ]
