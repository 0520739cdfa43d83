"""The subject registry and the consultations provider."""

import pytest

from consultations.codesign.models import CoDesignSession, Invitation
from engage.impact.subjects import Subject, register_subject_kind, resolve_subject, subject_kinds
from tests.factories import InvitationFactory, RsvpFactory, city_staff
from tests.impact.assessment_fixtures import age_dimension, framed_consultation

pytestmark = pytest.mark.django_db


def test_consultations_register_their_provider():
    assert "consultation" in subject_kinds()


def test_a_consultation_subject_has_its_groups_leaders_and_policy_area(consultation):
    _dimension, groups = age_dimension()
    person = framed_consultation(consultation, groups)
    subject = resolve_subject(f"consultation:{consultation.pk}")
    assert subject.scope == f"consultation:{consultation.pk}"
    assert subject.title == consultation.title
    assert subject.url == consultation.url
    assert subject.affected_group_ids == {groups["Children"].pk}
    assert subject.wider_group_ids == {groups["Parents"].pk}
    assert subject.leader_user_ids == (person.pk,)


def test_staff_co_authors_are_not_leaders_who_co_sign(consultation):
    _dimension, groups = age_dimension()
    person = framed_consultation(consultation, groups)
    session = CoDesignSession.objects.get(consultation=consultation)
    officer = city_staff()
    InvitationFactory(
        session=session, user=officer, role=Invitation.Role.COAUTHOR, status="accepted"
    )
    RsvpFactory(session=session, user=officer)
    assert resolve_subject(f"consultation:{consultation.pk}").leader_user_ids == (person.pk,)


def test_perceived_impact_is_read_through_the_subject(consultation):
    dimension, groups = age_dimension()
    subject = resolve_subject(f"consultation:{consultation.pk}")
    cells = subject.perceived_impact(dimension)
    # No survey answered: a cell per group of the dimension, with no mean published.
    assert set(cells) == {group.pk for group in groups.values()}
    assert all(cell.self_.mean is None and cell.others.mean is None for cell in cells.values())


@pytest.mark.parametrize(
    "scope", ["", "consultation:", "consultation:abc", "consultation:999999", "nosuch:1"]
)
def test_unknown_or_malformed_scopes_resolve_to_nothing(scope):
    assert resolve_subject(scope) is None


def test_a_registered_kind_is_asked_with_the_key():
    seen = []

    def provider(key):
        seen.append(key)
        return Subject(scope=f"decision:{key}", title="Close the library on Sundays")

    register_subject_kind("decision", provider)
    try:
        assert resolve_subject("decision:library").title == "Close the library on Sundays"
        assert seen == ["library"]
    finally:
        from engage.impact import subjects

        subjects._PROVIDERS.pop("decision")
