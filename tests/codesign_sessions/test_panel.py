"""The seam to engage.communities.panels: drawing a session's panel by lot."""

import pytest
from django.core.exceptions import ValidationError

from consultations.codesign import services
from consultations.codesign.models import Rsvp
from engage.communities.models import Declaration, PanelSelection
from tests.factories import (
    AreaFactory,
    BaselineShareFactory,
    DeclarationConsentFactory,
    DeclarationFactory,
    UserFactory,
    community_group,
)


@pytest.fixture
def volunteers(make_session):
    """Eight volunteers for four places; half declared Somali, half Polish."""
    session = make_session(capacity=4, places_by_lot=True)
    somali = community_group("Somali", "Ethnic group")
    polish = community_group("Polish", "Ethnic group")
    area = AreaFactory(code="city", name="Northbridge")
    BaselineShareFactory(area=area, category=somali, share="0.5")
    BaselineShareFactory(area=area, category=polish, share="0.5")
    people = []
    for index in range(8):
        person = UserFactory()
        DeclarationConsentFactory(user=person)
        DeclarationFactory(user=person, category=somali if index % 2 else polish)
        services.rsvp(person, session)
        people.append(person)
    return session, somali.dimension, people


def test_a_panel_drawn_by_lot_confirms_the_selected_and_waitlists_the_rest(volunteers, staff_mfa):
    session, dimension, people = volunteers
    assert not Rsvp.objects.confirmed().exists()
    selection = services.select_panel_for_session(session, staff_mfa, dimension=dimension, seed=7)
    assert isinstance(selection, PanelSelection)
    assert selection.session == session
    assert selection.run_by == staff_mfa
    confirmed = Rsvp.objects.filter(session=session).confirmed()
    assert confirmed.count() == 4
    assert sorted(str(pk) for pk in confirmed.values_list("pk", flat=True)) == sorted(
        selection.selected
    )
    assert Rsvp.objects.filter(session=session).waitlisted().count() == 4
    # Quotas from the baseline: two of each group.
    slugs = list(
        Declaration.objects.filter(user__codesign_rsvps__in=confirmed).values_list(
            "category__slug", flat=True
        )
    )
    assert sorted(slugs) == ["polish", "polish", "somali", "somali"]


def test_the_same_seed_draws_the_same_panel(volunteers, staff_mfa):
    session, dimension, _people = volunteers
    first = services.select_panel_for_session(session, staff_mfa, dimension=dimension, seed=11)
    second = services.select_panel_for_session(session, staff_mfa, dimension=dimension, seed=11)
    assert first.selected == second.selected


def test_only_staff_draw_and_only_when_there_are_too_many(volunteers, make_session, staff_mfa):
    from django.core.exceptions import PermissionDenied

    session, dimension, people = volunteers
    with pytest.raises(PermissionDenied):
        services.select_panel_for_session(session, people[0], dimension=dimension)
    roomy = make_session(capacity=20)
    services.rsvp(UserFactory(), roomy)
    with pytest.raises(ValidationError) as caught:
        services.select_panel_for_session(roomy, staff_mfa, dimension=dimension)
    assert caught.value.code == "nothing_to_draw"


def test_staff_draw_from_the_staff_page(client, volunteers, staff_mfa):
    session, dimension, _people = volunteers
    client.force_login(staff_mfa)
    response = client.post(
        f"/en/co-design/sessions/{session.pk}/manage/",
        {"form": "panel", "panel-dimension": dimension.pk, "panel-seed": "3"},
    )
    assert response.status_code == 302
    assert PanelSelection.objects.filter(session=session, seed=3).exists()


def test_a_place_freed_after_the_draw_goes_to_the_waiting_list(volunteers, staff_mfa):
    session, dimension, people = volunteers
    # Before the draw nobody is promoted: the draw fills the places.
    assert services.fill_free_places(session) == []
    services.select_panel_for_session(session, staff_mfa, dimension=dimension, seed=7)
    leaving = Rsvp.objects.filter(session=session).confirmed().first()
    first_waiting = Rsvp.objects.filter(session=session).waitlisted().first()
    promoted = services.cancel_rsvp(leaving.user, session)
    assert promoted is not None and promoted.pk == first_waiting.pk
    assert Rsvp.objects.filter(session=session).confirmed().count() == 4
    assert Rsvp.objects.filter(session=session).waitlisted().count() == 3
