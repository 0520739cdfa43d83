"""Opinion groups x community groups (engage.opinions.representation): aggregated from
consented declarations, small cells suppressed, and the flags."""

import pytest
from django.utils import timezone

from engage.communities.models import (
    Area,
    BaselineShare,
    Category,
    Declaration,
    DeclarationConsent,
    Dimension,
)
from engage.communities.suppression import SMALL, VISIBLE, WITHHELD
from engage.opinions.representation import MAJORITY_MISSING, ONE_COMMUNITY, composition
from engage.opinions.tasks import store_snapshot
from tests.factories import UserFactory

from .live_fixtures import grouped_map

pytestmark = pytest.mark.django_db


@pytest.fixture
def dimension():
    dimension = Dimension.objects.create(slug="faith", name="Religion")
    for order, (slug, name) in enumerate([("a", "Faith A"), ("b", "Faith B"), ("c", "Faith C")]):
        Category.objects.create(dimension=dimension, slug=slug, name=name, sort_order=order)
    return dimension


def category(dimension, slug):
    return Category.objects.get(dimension=dimension, slug=slug)


def declare(users, dimension, slug):
    for user in users:
        DeclarationConsent.objects.get_or_create(
            user=user,
            withdrawn_at=None,
            defaults={"privacy_notice_version": "1", "purpose_version": "1"},
        )
        Declaration.objects.create(
            user=user, dimension=dimension, category=category(dimension, slug)
        )


def computed_map(users, per_group=15):
    opinion_map, _statements, _people = grouped_map(per_group=per_group, users=users)
    store_snapshot(opinion_map)
    return opinion_map


def cells(row):
    return {cat.slug: count for cat, count in row.cells}


def test_nothing_before_the_first_snapshot(dimension):
    opinion_map, _statements, _people = grouped_map()
    assert composition(opinion_map, dimension) is None


def test_small_cells_are_suppressed(dimension):
    users = [UserFactory() for _ in range(30)]
    # Opinion group of the first 15: 12 of faith A, 3 of faith B; nobody undeclared.
    declare(users[:12], dimension, "a")
    declare(users[12:15], dimension, "b")
    opinion_map = computed_map(users)
    table = composition(opinion_map, dimension)
    first = next(row for row in table.groups if cells(row)["a"].value)
    assert cells(first)["a"].value == 12
    assert cells(first)["b"].state == SMALL and cells(first)["b"].value is None
    assert cells(first)["b"].label == "fewer than 10"
    assert first.size == 15


def test_a_small_cell_that_the_group_size_would_give_away_is_protected():
    dimension = Dimension.objects.create(slug="carer", name="Carer")
    Category.objects.create(dimension=dimension, slug="a", name="Unpaid carer")
    users = [UserFactory() for _ in range(30)]
    declare(users[:12], dimension, "a")  # 3 of the group of 15 did not declare
    opinion_map = computed_map(users)
    table = composition(opinion_map, dimension)
    first = next(row for row in table.groups if row.not_declared.value != 15)
    assert first.not_declared.state == SMALL
    # 15 − 12 = 3 would give the small cell away: the 12 is withheld too.
    assert cells(first)["a"].state == WITHHELD and cells(first)["a"].value is None


def test_an_opinion_group_of_one_community_is_flagged(dimension):
    users = [UserFactory() for _ in range(30)]
    declare(users[:15], dimension, "a")
    declare(users[15:20], dimension, "b")
    declare(users[20:30], dimension, "c")
    opinion_map = computed_map(users)
    table = composition(opinion_map, dimension)
    flagged = [row for row in table.groups if row.flags]
    assert len(flagged) == 1
    [(code, sentence)] = flagged[0].flags
    assert code == ONE_COMMUNITY and "Faith A" in sentence
    assert cells(flagged[0])["a"].state == VISIBLE and cells(flagged[0])["a"].value == 15
    # Sentences carry no counts, so they cannot reveal a suppressed cell.
    assert not any(ch.isdigit() for ch in sentence)


def test_too_few_declarations_are_not_flagged_as_one_community(dimension):
    users = [UserFactory() for _ in range(30)]
    declare(users[:5], dimension, "a")  # 5 declared, all A: below the threshold of 10
    opinion_map = computed_map(users)
    table = composition(opinion_map, dimension)
    assert not any(row.flags for row in table.groups)


def test_withdrawn_consent_is_not_counted(dimension):
    users = [UserFactory() for _ in range(30)]
    declare(users[:15], dimension, "a")
    DeclarationConsent.objects.filter(user__in=users[:15]).update(withdrawn_at=timezone.now())
    opinion_map = computed_map(users)
    table = composition(opinion_map, dimension)
    assert not any(row.flags for row in table.groups)
    for row in table.groups:
        assert row.not_declared.value == row.size


def test_the_missing_majority_view_is_flagged(dimension, settings):
    city = Area.objects.create(code="NB0001", name="Northbridge")
    settings.CITY_AREA_CODE = "NB0001"
    for slug, share in [("a", "0.2"), ("b", "0.7"), ("c", "0.1")]:
        BaselineShare.objects.create(area=city, category=category(dimension, slug), share=share)
    users = [UserFactory() for _ in range(30)]
    declare(users[:12], dimension, "a")
    declare(users[12:16], dimension, "b")  # the largest group, barely present
    opinion_map = computed_map(users)
    table = composition(opinion_map, dimension)
    assert [code for code, _text in table.flags] == [MAJORITY_MISSING]
    assert "Faith B" in table.flags[0][1]
    declare(users[16:30], dimension, "b")
    table = composition(opinion_map, dimension)
    assert table.flags == []


def test_imported_voters_count_as_not_declared(dimension):
    opinion_map, _statements, _people = grouped_map(per_group=15, voter_prefix="p")
    store_snapshot(opinion_map)
    table = composition(opinion_map, dimension)
    assert all(row.not_declared.value == row.size for row in table.groups)
