"""Fair panel selection by lot: quotas always met, reproducible draws, exact
probabilities, a rare volunteer not shut out, and impossible quotas explained."""

from collections import Counter

import pytest
from django.utils.functional import Promise

from engage.communities import panels
from engage.communities.panels import (
    ImpossibleQuotasError,
    PanelInputError,
    Quota,
    SolverUnavailableError,
    Volunteer,
    select_panel,
)

SEEDS = range(1, 31)


def assert_quotas_met(draw, pool, quotas):
    by_id = {volunteer.id: volunteer for volunteer in pool}
    assert len(draw.selected) == len(set(draw.selected)) == draw.size
    counts = Counter(
        (feature, value)
        for volunteer_id in draw.selected
        for feature, value in by_id[volunteer_id].features.items()
    )
    for quota in quotas:
        assert quota.min <= counts[quota.feature, quota.value] <= quota.max, (draw.seed, quota)


@pytest.mark.parametrize("algorithm", ["maximin", "legacy"])
def test_quotas_are_met_for_every_seed(mixed_pool, mixed_quotas, algorithm):
    for seed in SEEDS:
        draw = select_panel(
            mixed_pool, mixed_quotas, 5, algorithm, seed=seed, legacy_estimate_draws=0
        )
        assert_quotas_met(draw, mixed_pool, mixed_quotas)


def test_nash_meets_quotas_with_exact_probabilities(mixed_pool, mixed_quotas):
    draw = select_panel(mixed_pool, mixed_quotas, 5, "nash", seed=3)
    assert_quotas_met(draw, mixed_pool, mixed_quotas)
    assert draw.probability_method == "exact"
    assert sum(draw.probabilities.values()) == pytest.approx(5, abs=1e-4)


def test_same_seed_draws_the_same_panel(mixed_pool, mixed_quotas):
    first = select_panel(mixed_pool, mixed_quotas, 5, seed=12345)
    again = select_panel(mixed_pool, mixed_quotas, 5, seed=12345)
    assert again.selected == first.selected
    assert again.probabilities == first.probabilities


def test_row_order_does_not_change_the_draw(mixed_pool, mixed_quotas):
    first = select_panel(mixed_pool, mixed_quotas, 5, seed=77)
    shuffled = select_panel(mixed_pool[::-1], mixed_quotas[::-1], 5, seed=77)
    assert shuffled.selected == first.selected


def test_different_seeds_draw_different_panels(mixed_pool, mixed_quotas):
    panels_drawn = {select_panel(mixed_pool, mixed_quotas, 5, seed=s).selected for s in SEEDS}
    assert len(panels_drawn) >= 3


def test_a_seed_is_generated_and_recorded_when_none_is_given(mixed_pool, mixed_quotas):
    draw = select_panel(mixed_pool, mixed_quotas, 5)
    assert 1 <= draw.seed <= panels.MAX_SEED
    assert select_panel(mixed_pool, mixed_quotas, 5, seed=draw.seed).selected == draw.selected
    record = draw.as_record()
    assert record["seed"] == draw.seed
    assert record["algorithm"] == "maximin"
    assert record["selected"] == list(draw.selected)
    assert record["library"].startswith("sortition-algorithms 0.")


def test_probabilities_cover_everyone_and_sum_to_the_panel_size(mixed_pool, mixed_quotas):
    draw = select_panel(mixed_pool, mixed_quotas, 5, seed=8)
    assert draw.probability_method == "exact"
    assert set(draw.probabilities) == {volunteer.id for volunteer in mixed_pool}
    assert all(0.0 <= p <= 1.0 for p in draw.probabilities.values())
    assert sum(draw.probabilities.values()) == pytest.approx(5, abs=1e-6)
    assert all(draw.probabilities[volunteer_id] > 0 for volunteer_id in draw.selected)


def test_maximin_gives_the_rare_volunteer_close_to_a_fair_share(rare_pool, rare_quotas):
    draw = select_panel(rare_pool, rare_quotas, 4, seed=1)
    fair_share = 4 / len(rare_pool)  # 0.364
    assert draw.probabilities["rare"] >= 0.9 * fair_share
    assert min(draw.probabilities.values()) == pytest.approx(1 / 3, abs=1e-6)


def test_legacy_nearly_shuts_the_rare_volunteer_out(rare_pool, rare_quotas):
    """The greedy legacy method fills the categories below their minimum first, so the
    only volunteer whose categories have no minimum is hardly ever chosen."""
    fair = select_panel(rare_pool, rare_quotas, 4, seed=1)
    legacy = select_panel(rare_pool, rare_quotas, 4, "legacy", seed=1, legacy_estimate_draws=200)
    assert legacy.probability_method == "estimated"
    assert legacy.estimate_draws == 200
    assert sum(legacy.probabilities.values()) == pytest.approx(4)
    assert legacy.probabilities["rare"] < 0.05
    assert min(fair.probabilities.values()) >= min(legacy.probabilities.values()) + 0.25


def test_legacy_without_estimate_says_probabilities_are_unavailable(rare_pool, rare_quotas):
    draw = select_panel(rare_pool, rare_quotas, 4, "legacy", seed=2, legacy_estimate_draws=0)
    assert draw.probabilities is None
    assert draw.probability_method == "unavailable"


@pytest.mark.skipif(
    __import__("importlib").util.find_spec("gurobipy") is not None,
    reason="Gurobi is installed here",
)
def test_leximin_without_gurobi_says_so(mixed_pool, mixed_quotas):
    with pytest.raises(SolverUnavailableError, match="Gurobi"):
        select_panel(mixed_pool, mixed_quotas, 5, "leximin")


def test_unknown_algorithm_is_refused(mixed_pool, mixed_quotas):
    with pytest.raises(PanelInputError, match="Unknown selection algorithm"):
        select_panel(mixed_pool, mixed_quotas, 5, "dice")


# --- Impossible quotas ------------------------------------------------------------------


def test_a_minimum_above_the_volunteers_with_that_value_is_named(rare_pool, rare_quotas):
    quotas = [q for q in rare_quotas if q.value != "75+"] + [Quota("age", "75+", 2, 3)]
    with pytest.raises(ImpossibleQuotasError) as caught:
        select_panel(rare_pool, quotas, 4)
    assert caught.value.messages == [
        "Feature age, value 75+: min 2 but only 1 volunteer has it. Lower the minimum or "
        "find more volunteers with this value."
    ]
    assert caught.value.explanations[0].params == {
        "feature": "age",
        "value": "75+",
        "min": 2,
        "count": 1,
    }


def test_minimums_adding_up_to_more_than_the_places_are_named(mixed_pool):
    quotas = [
        Quota("age", "young", 3, 3),
        Quota("age", "old", 3, 3),
        Quota("area", "north", 0, 5),
        Quota("area", "south", 0, 5),
    ]
    with pytest.raises(
        ImpossibleQuotasError, match="Feature age: the minimums add up to 6, more than the 5 places"
    ):
        select_panel(mixed_pool, quotas, 5)


def test_maximums_too_low_to_fill_the_places_are_named(mixed_pool):
    quotas = [
        Quota("age", "young", 0, 2),
        Quota("age", "old", 0, 2),
        Quota("area", "north", 0, 5),
        Quota("area", "south", 0, 5),
    ]
    with pytest.raises(ImpossibleQuotasError, match="Feature age: at most 4 of the 5 places"):
        select_panel(mixed_pool, quotas, 5)


def test_a_conflict_between_features_names_the_quota_to_change(mixed_pool):
    # Only two old volunteers live in the north, so four old and four northerners
    # would need at least six places.
    quotas = [
        Quota("age", "young", 1, 1),
        Quota("age", "old", 4, 4),
        Quota("area", "north", 4, 4),
        Quota("area", "south", 1, 1),
    ]
    with pytest.raises(ImpossibleQuotasError) as caught:
        select_panel(mixed_pool, quotas, 5)
    text = str(caught.value)
    assert "cannot be met together with the other quotas" in text or "cannot be kept" in text
    assert "Feature a" in text


def test_too_few_volunteers_for_the_places(mixed_pool, mixed_quotas):
    with pytest.raises(ImpossibleQuotasError, match="only 20 volunteers for 25 places"):
        select_panel(mixed_pool, mixed_quotas, 25)


def test_explanations_stay_translatable(rare_pool, rare_quotas):
    quotas = [q for q in rare_quotas if q.value != "75+"] + [Quota("age", "75+", 2, 3)]
    with pytest.raises(ImpossibleQuotasError) as caught:
        select_panel(rare_pool, quotas, 4)
    assert isinstance(caught.value.explanations[0].template, Promise)


# --- Bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pool", "quotas", "expected"),
    [
        ([], [Quota("age", "young", 0, 1)], "The pool is empty"),
        (
            [Volunteer("a", {"age": "young"}), Volunteer("a", {"age": "old"})],
            [Quota("age", "young", 0, 1), Quota("age", "old", 0, 1)],
            "The id a appears more than once",
        ),
        (
            [Volunteer("a", {"age": "young"})],
            [Quota("sex", "f", 0, 1)],
            "the pool has no such column",
        ),
        (
            [Volunteer("a", {"age": "young"})],
            [Quota("age", "young", 0, 1), Quota("age", "yuong", 0, 1)],
            "value yuong: no volunteer in the pool has this value",
        ),
        (
            [Volunteer("a", {"age": "young"})],
            [Quota("age", "young", 2, 1)],
            "min 2 is more than max 1",
        ),
        (
            [Volunteer("a", {"age": "young"})],
            [Quota("age", "young", "two", 1)],
            "min and max must be whole numbers",
        ),
        (
            [Volunteer("a", {"age": "young"}), Volunteer("b", {"age": "old"})],
            [Quota("age", "young", 0, 1)],
            "1 volunteer has the value old, which has no quota",
        ),
        (
            [Volunteer("a", {"age": "young"}), Volunteer("b", {"age": ""})],
            [Quota("age", "young", 0, 1)],
            "Volunteer b has no value for feature age",
        ),
    ],
)
def test_bad_input_is_explained(pool, quotas, expected):
    with pytest.raises(PanelInputError, match=expected):
        select_panel(pool, quotas, 1)


@pytest.mark.parametrize("seed", [0, -3, "soon"])
def test_a_bad_seed_is_refused(mixed_pool, mixed_quotas, seed):
    with pytest.raises(PanelInputError, match="The seed must be a whole number"):
        select_panel(mixed_pool, mixed_quotas, 5, seed=seed)


@pytest.mark.parametrize("size", [0, -1, "five"])
def test_a_bad_size_is_refused(mixed_pool, mixed_quotas, size):
    with pytest.raises(PanelInputError, match="The panel size must be"):
        select_panel(mixed_pool, mixed_quotas, size)


# --- Recording a draw ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_draw_is_recorded_against_its_codesign_session(mixed_pool, mixed_quotas):
    import datetime

    from django.utils import timezone

    from consultations.codesign.models import CoDesignSession
    from engage.communities.models import PanelSelection
    from tests.factories import city_staff

    start = timezone.now() + datetime.timedelta(days=7)
    session = CoDesignSession.objects.create(
        title="Shaping the park plan",
        purpose="Decide what the consultation asks.",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    staff = city_staff()
    draw = select_panel(mixed_pool, mixed_quotas, 5, seed=31)

    record = panels.record_draw(draw, session=session, run_by=staff)

    stored = PanelSelection.objects.get(pk=record.pk)
    assert stored.session == session
    assert stored.run_by == staff
    assert (stored.algorithm, stored.seed, stored.size) == ("maximin", 31, 5)
    assert stored.selected == list(draw.selected)
    assert stored.probabilities == draw.probabilities
    assert stored.quotas[0] == {"feature": "age", "value": "old", "min": 2, "max": 3}
    assert list(session.panel_selections.all()) == [stored]
