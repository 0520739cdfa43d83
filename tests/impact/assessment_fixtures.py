"""Builders for the assessment tests (I1): a consultation with affected and
wider-audience groups, framed by a co-design session whose co-author is a leader."""

from consultations.codesign.models import Invitation
from tests.factories import (
    CategoryFactory,
    CoDesignSessionFactory,
    DimensionFactory,
    InvitationFactory,
    RsvpFactory,
    UserFactory,
    city_staff,
    leader,
    with_totp,
)


def age_dimension():
    dimension = DimensionFactory(slug="age_band", name="Age band")
    groups = {
        name: CategoryFactory(dimension=dimension, slug=name.lower(), name=name, sort_order=i)
        for i, name in enumerate(["Children", "Parents", "Older"])
    }
    return dimension, groups


def framed_consultation(consultation, groups):
    """Mark Children directly affected and Parents wider audience; add a co-design
    session with an accepted co-author leader. Returns the leader."""
    consultation.affected_groups = [groups["Children"]]
    consultation.wider_audience = [groups["Parents"]]
    consultation.save_revision().publish()
    session = CoDesignSessionFactory(consultation=consultation)
    person = leader(display_name="Amina Leader")
    InvitationFactory(
        session=session,
        user=person,
        role=Invitation.Role.COAUTHOR,
        status=Invitation.Status.ACCEPTED,
    )
    RsvpFactory(session=session, user=person)
    # A plain participant is not a leader of the assessment.
    RsvpFactory(session=session, user=UserFactory())
    return person


def staff():
    return with_totp(city_staff())
