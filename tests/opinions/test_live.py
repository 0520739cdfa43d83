"""The live opinion map page, its fragment, and who sees what on it."""

import re

import pytest
from django.urls import reverse

from engage.communities.models import Category, Declaration, DeclarationConsent, Dimension
from engage.opinions.models import MapStatus
from engage.opinions.tasks import store_snapshot
from tests.factories import UserFactory
from tests.factories.accounts import city_staff, with_totp

from .live_fixtures import grouped_map

pytestmark = pytest.mark.django_db


def map_url(opinion_map, name="opinions:map"):
    return reverse(name, kwargs={"map_id": opinion_map.pk})


@pytest.fixture
def computed():
    opinion_map, statements, people = grouped_map(per_group=12, voter_prefix="voter-zq")
    store_snapshot(opinion_map)
    return opinion_map, statements, people


def test_anonymous_visitors_see_the_groups_of_a_public_map(client, computed):
    opinion_map, statements, people = computed
    response = client.get(map_url(opinion_map))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and '<title id="opinion-map-svg-title">' in html
    assert html.count('class="opinion-map__shape') == 2
    assert "Group A" in html and "Group B" in html
    # The statement everyone passed on is an area of uncertainty.
    uncertain = html.split('id="uncertain-title"')[1]
    assert statements[-1].text in uncertain
    # No participant id or coordinates anywhere on the page.
    snapshot = opinion_map.snapshots.first()
    for pid, (x, _y) in snapshot.result["projection"].items():
        assert pid.startswith("voter-zq")
        assert f"{x:.6f}" not in html
    assert "voter-zq" not in html
    assert "Who is in each opinion group" not in html


def test_the_page_says_when_nothing_was_computed_yet(client):
    opinion_map, _statements, _people = grouped_map()
    response = client.get(map_url(opinion_map))
    assert response.status_code == 200
    assert "has not been computed yet" in response.content.decode()


def test_a_draft_map_is_not_found_for_residents_and_shown_to_staff(client, computed):
    opinion_map = computed[0]
    opinion_map.status = MapStatus.DRAFT
    opinion_map.save()
    assert client.get(map_url(opinion_map)).status_code == 404
    assert client.get(map_url(opinion_map, "opinions:map_fragment")).status_code == 404
    client.force_login(UserFactory())
    assert client.get(map_url(opinion_map)).status_code == 404
    client.force_login(city_staff())
    assert client.get(map_url(opinion_map)).status_code == 200


def test_the_fragment_is_the_live_part_only(client, computed):
    opinion_map = computed[0]
    response = client.get(map_url(opinion_map, "opinions:map_fragment"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith('<div id="opinion-map-body"')
    assert "<h1" not in html


def test_an_unknown_map_is_not_found(client):
    assert client.get(reverse("opinions:map", kwargs={"map_id": 999999})).status_code == 404


def test_only_get_is_allowed(client, computed):
    assert client.post(map_url(computed[0])).status_code == 405


def declare(users, dimension, category):
    for user in users:
        DeclarationConsent.objects.get_or_create(
            user=user,
            withdrawn_at=None,
            defaults={"privacy_notice_version": "1", "purpose_version": "1"},
        )
        Declaration.objects.create(user=user, dimension=dimension, category=category)


@pytest.fixture
def declared_map():
    dimension = Dimension.objects.create(slug="age", name="Age band")
    young = Category.objects.create(dimension=dimension, slug="young", name="Under 30")
    old = Category.objects.create(dimension=dimension, slug="old", name="Over 65")
    users = [UserFactory() for _ in range(24)]
    opinion_map, _statements, people = grouped_map(per_group=12, users=users)
    declare(users[:12], dimension, young)  # group of the first 12 voters: all young
    declare(users[12:15], dimension, old)
    declare(users[15:24], dimension, young)
    store_snapshot(opinion_map)
    return opinion_map, dimension


def test_residents_never_see_the_composition(client, declared_map):
    opinion_map, _dimension = declared_map
    client.force_login(UserFactory())
    html = client.get(map_url(opinion_map)).content.decode()
    assert "Who is in each opinion group" not in html
    assert "Under 30" not in html


def test_staff_without_two_factor_do_not_see_the_composition(client, declared_map):
    client.force_login(city_staff())
    html = client.get(map_url(declared_map[0])).content.decode()
    assert "Who is in each opinion group" not in html


def test_staff_see_the_composition_with_small_cells_suppressed(client, declared_map):
    opinion_map, _dimension = declared_map
    client.force_login(with_totp(city_staff()))
    html = client.get(map_url(opinion_map) + "?dimension=age").content.decode()
    section = html.split('id="composition-title"')[1]
    assert "Under 30" in section and "Over 65" in section
    assert "fewer than 10" in section
    # The 3 older people are never shown as a number next to their group.
    cells = re.findall(r"<td>([^<]*)</td>", section)
    assert "3" not in cells
    assert "One community only" in section


def test_a_snapshot_computed_without_the_task_still_shows_its_shares(client):
    from engage.opinions.services import compute_snapshot

    opinion_map, statements, _people = grouped_map(per_group=12)
    compute_snapshot(opinion_map)  # as the opinion_map command would: no counts stored
    html = client.get(map_url(opinion_map)).content.decode()
    uncertain = html.split('id="uncertain-title"')[1]
    assert statements[-1].text in uncertain and "100%" in uncertain


def test_a_partner_with_a_city_wide_grant_sees_the_composition(client, declared_map):
    from engage.policy.models import PartnerGrant
    from tests.factories.policy import partner_member

    partner = with_totp(partner_member(grants=[("city", PartnerGrant.Access.VIEW_REPORTS)]))
    client.force_login(partner)
    html = client.get(map_url(declared_map[0])).content.decode()
    assert "Who is in each opinion group" in html


def test_a_partner_without_a_grant_does_not(client, declared_map):
    from tests.factories.policy import partner_member

    client.force_login(with_totp(partner_member()))
    html = client.get(map_url(declared_map[0])).content.decode()
    assert "Who is in each opinion group" not in html
