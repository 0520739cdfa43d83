"""Standalone assessments (a policy decision without a consultation): staff choose
the community leaders who co-sign and mark the directly affected and wider-audience
groups in the editor; the leaders co-sign as for a consultation."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from engage.impact import services
from engage.impact.models import AssessmentStatus, ImpactAssessment
from tests.factories import UserFactory, leader
from tests.impact.assessment_fixtures import age_dimension, staff
from tests.impact.test_assessment_views import grid_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def standalone():
    dimension, groups = age_dimension()
    officer = staff()
    assessment = services.create_assessment(
        title="Alcohol-free zone", dimensions=[dimension], created_by=officer
    )
    return assessment, groups, officer, dimension


def test_staff_create_a_standalone_assessment_with_its_leaders(client, standalone):
    _assessment, _groups, officer, dimension = standalone
    person = leader(display_name="Hodan Leader")
    client.force_login(officer)
    response = client.post(
        reverse("impact:assessment_create"),
        {"title": "Night bus cuts", "dimensions": [dimension.pk], "leaders": [person.pk]},
    )
    assert response.status_code == 302
    made = ImpactAssessment.objects.get(title="Night bus cuts")
    assert made.subject_scope == "" and list(made.leaders.all()) == [person]


def test_a_consultation_assessment_refuses_chosen_leaders(client, consultation, standalone):
    _assessment, _groups, officer, dimension = standalone
    client.force_login(officer)
    response = client.post(
        reverse("impact:assessment_create"),
        {
            "subject_scope": f"consultation:{consultation.pk}",
            "dimensions": [dimension.pk],
            "leaders": [leader().pk],
        },
    )
    assert response.status_code == 200
    assert "co-authors of the brief" in response.content.decode()
    assert not ImpactAssessment.objects.filter(subject_scope__startswith="consultation").exists()


def test_staff_mark_affected_and_wider_groups_on_a_standalone_grid(client, standalone):
    assessment, _groups, officer, _dimension = standalone
    url = reverse("impact:assessment_edit", args=[assessment.pk])
    client.force_login(officer)
    page = client.get(url).content.decode()
    assert "Children: directly affected" in page and "Save the leaders" in page
    data = grid_post(
        assessment,
        {
            "Children": {"impact": "-1", "directly_affected": "on"},
            "Older": {"wider_audience": "on", "impact": "-2"},
        },
    )
    assert client.post(url, data).status_code == 302
    rows = {row.category.name: row for row in assessment.rows.select_related("category")}
    assert rows["Children"].directly_affected and not rows["Children"].wider_audience
    assert rows["Older"].wider_audience and not rows["Parents"].directly_affected
    # The flags feed the warnings: harm to a group that is not directly affected.
    page = client.get(url).content.decode()
    assert "Older" in page and "not directly affected" in page
    # Unmarking is saved too.
    data = grid_post(assessment, {"Children": {"impact": "-1"}, "Older": {"impact": "-2"}})
    client.post(url, data)
    assert not assessment.rows.filter(directly_affected=True).exists()


def test_a_consultation_grid_keeps_the_consultations_groups(client, consultation):
    from tests.impact.assessment_fixtures import framed_consultation

    dimension, groups = age_dimension()
    framed_consultation(consultation, groups)
    officer = staff()
    assessment = services.create_assessment(
        subject_scope=f"consultation:{consultation.pk}", dimensions=[dimension], created_by=officer
    )
    url = reverse("impact:assessment_edit", args=[assessment.pk])
    client.force_login(officer)
    page = client.get(url).content.decode()
    assert "Save the leaders" not in page and "Children: directly affected" not in page
    # Flags posted anyway are ignored: the consultation names its groups.
    client.post(url, grid_post(assessment, {"Parents": {"impact": "1", "directly_affected": "on"}}))
    rows = {row.category.name: row for row in assessment.rows.select_related("category")}
    assert rows["Children"].directly_affected and not rows["Parents"].directly_affected
    assert rows["Parents"].impact == 1


def test_the_leaders_chosen_co_sign_and_a_change_returns_it_to_draft(client, standalone):
    assessment, _groups, officer, _dimension = standalone
    first, second = leader(display_name="First"), leader(display_name="Second")
    url = reverse("impact:assessment_edit", args=[assessment.pk])
    client.force_login(officer)
    assert client.post(url, {"action": "leaders", "leaders-leaders": [first.pk]}).status_code == 302
    services.submit_for_review(assessment, by=officer)
    client.force_login(first)
    review = reverse("impact:assessment_review", args=[assessment.pk])
    assert client.get(review).status_code == 200
    client.post(review, {"action": "sign_off", "signoff-decision": "approve"})
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SIGNED_OFF
    client.force_login(officer)
    client.post(url, {"action": "leaders", "leaders-leaders": [first.pk, second.pk]})
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT
    assert set(assessment.leaders.all()) == {first, second}


def test_only_leaders_with_a_mandate_may_co_sign(client, standalone):
    assessment, _groups, officer, _dimension = standalone
    resident = UserFactory()
    with pytest.raises(ValidationError):
        services.set_leaders(assessment, [resident])
    client.force_login(officer)
    url = reverse("impact:assessment_edit", args=[assessment.pk])
    response = client.post(url, {"action": "leaders", "leaders-leaders": [resident.pk]})
    assert response.status_code == 200  # the choice is not offered: a form error
    assert not assessment.leaders.exists()


def test_a_consultations_leaders_cannot_be_replaced(consultation):
    dimension, _groups = age_dimension()
    assessment = services.create_assessment(
        subject_scope=f"consultation:{consultation.pk}", dimensions=[dimension], created_by=staff()
    )
    with pytest.raises(ValidationError):
        services.set_leaders(assessment, [leader()])


def test_residents_cannot_set_leaders(client, standalone):
    assessment, _groups, _officer, _dimension = standalone
    client.force_login(leader())
    url = reverse("impact:assessment_edit", args=[assessment.pk])
    assert client.post(url, {"action": "leaders", "leaders-leaders": []}).status_code == 403
