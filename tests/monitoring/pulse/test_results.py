"""Wave results: shares with intervals, suppression, groups, change between waves,
weighting on a hand-built example, and representation against the baseline."""

import pytest

from engage.communities.models import BaselineShare
from engage.monitoring.pulse.results import (
    compute_weights,
    wave_representation,
    wave_results,
    weighted_results,
)
from tests.factories.communities import DeclarationFactory, dimension_with_groups

from .conftest import answer, answers, make_wave

pytestmark = pytest.mark.django_db


def _question(results, key):
    return next(q for q in results["questions"] if q["key"] == key)


def test_share_agreeing_leaves_out_dont_know_and_has_the_wilson_interval(wave, wards):
    answers(wave, "trust", 60, 40, dont_know=7, area=wards[0])
    trust = _question(wave_results(wave), "trust")
    assert trust["overall"]["share"] == 0.6
    assert trust["overall"]["respondents"]["count"] == 100
    assert trust["overall"]["interval"] == [0.502, 0.6906]


def test_an_area_with_fewer_answers_than_the_threshold_shows_no_share(wave, wards):
    answers(wave, "trust", 8, 4, area=wards[0])
    answers(wave, "trust", 2, 1, area=wards[1])
    trust = _question(wave_results(wave), "trust")
    by_code = {row["code"]: row for row in trust["areas"]}
    assert by_code["TC-W01"]["share"] == pytest.approx(8 / 12, abs=1e-4)
    small = by_code["TC-W02"]
    assert small["share"] is None and small["interval"] is None
    assert small["respondents"] == {"count": None, "label": "fewer than 10"}


def test_a_small_total_hides_the_overall_share(wave, wards):
    answers(wave, "belonging", 3, 2, area=wards[0])
    belonging = _question(wave_results(wave), "belonging")
    assert belonging["overall"]["share"] is None
    assert belonging["overall"]["respondents"]["label"] == "fewer than 10"


def test_groups_come_from_consented_declarations_and_are_suppressed(wave, wards):
    dimension = dimension_with_groups("Faith", {"a": "Group A", "b": "Group B"})
    group_a, group_b = dimension.categories.order_by("sort_order")
    answers(wave, "trust", 9, 3, declarations=[group_a])
    answers(wave, "trust", 2, 2, declarations=[group_b])
    signed_in = DeclarationFactory(category=group_a).user
    answer(wave, {"trust": "definitely_agree"}, user=signed_in)
    trust = _question(wave_results(wave, dimension=dimension), "trust")
    groups = {row["category"]: row for row in trust["groups"]}
    assert groups["a"]["respondents"]["count"] == 13
    assert groups["a"]["share"] == pytest.approx(10 / 13, abs=1e-4)
    assert groups["b"]["share"] is None
    assert groups["b"]["respondents"]["label"] == "fewer than 10"


def test_a_withdrawn_declaration_no_longer_counts(wave):
    dimension = dimension_with_groups("Faith", {"a": "Group A"})
    group_a = dimension.categories.get()
    declaration = DeclarationFactory(category=group_a)
    answer(wave, {"trust": "definitely_agree"}, user=declaration.user)
    answers(wave, "trust", 10, 0, declarations=[group_a])
    answers(wave, "trust", 10, 0)  # not declared: so the withdrawn one is not a small cell
    declaration.delete()  # what withdrawing consent does
    trust = _question(wave_results(wave, dimension=dimension), "trust")
    assert trust["groups"][0]["respondents"]["count"] == 10


def test_the_change_from_the_previous_wave_is_tested(wards):
    before = make_wave(days=(-60, -50), title="Winter")
    answers(before, "trust", 60, 40, area=wards[0])
    now = make_wave()
    answers(now, "trust", 45, 55, area=wards[0])
    trust = _question(wave_results(now), "trust")
    assert trust["previous_wave"]["title"] == "Winter"
    change = trust["overall"]["change"]
    assert change["difference"] == pytest.approx(-0.15)
    assert change["z"] == pytest.approx(-2.124, abs=1e-3)
    assert change["significant"] is True
    assert trust["areas"][0]["change"]["significant"] is True


def test_a_question_the_previous_wave_did_not_ask_has_no_change(wards):
    before = make_wave(days=(-60, -50), indicators=["belonging"])
    answers(before, "belonging", 60, 40)
    now = make_wave()
    answers(now, "trust", 45, 55)
    trust = _question(wave_results(now), "trust")
    assert trust["previous_wave"] is None and trust["overall"]["change"] is None


def test_extra_questions_have_results_too(wave):
    for _index in range(10):
        answer(wave, {"q-parks": "definitely_agree"})
    parks = _question(wave_results(wave), "q-parks")
    assert parks["overall"]["share"] == 1.0


@pytest.fixture
def weighted_example(wave, wards):
    """Two wards of 1,000 people: A is 60% X, B is 20% X. Respondents: A·X 4 (all
    agree), A·Y 4 (none), B·X 2 (both), B·Y 10 (half)."""
    dimension = dimension_with_groups("Kind", {"x": "X", "y": "Y"})
    x, y = dimension.categories.order_by("sort_order")
    ward_a, ward_b = wards[0], wards[1]
    for area, counts in ((ward_a, (600, 400)), (ward_b, (200, 800))):
        for category, count in zip((x, y), counts, strict=True):
            BaselineShare.objects.create(
                area=area, category=category, share=count / 1000, count=count
            )
    answers(wave, "trust", 4, 0, area=ward_a, declarations=[x])
    answers(wave, "trust", 0, 4, area=ward_a, declarations=[y])
    answers(wave, "trust", 2, 0, area=ward_b, declarations=[x])
    answers(wave, "trust", 5, 5, area=ward_b, declarations=[y])
    answers(wave, "trust", 3, 0)  # no area, no group: left out of the weighted share
    return dimension, (ward_a, ward_b, x, y)


def test_post_stratification_weights_match_the_hand_computed_example(wave, weighted_example):
    dimension, (ward_a, ward_b, x, y) = weighted_example
    weighting, _mapping = compute_weights(wave, dimension)
    # targets A·X .3, A·Y .2, B·X .1, B·Y .4 over sample shares .2, .2, .1, .5
    assert weighting.weights == pytest.approx(
        {
            (ward_a.pk, x.pk): 1.5,
            (ward_a.pk, y.pk): 1.0,
            (ward_b.pk, x.pk): 1.0,
            (ward_b.pk, y.pk): 0.8,
        }
    )
    assert weighting.areas_weighted_by_population and weighting.uncovered == pytest.approx(0)
    results, _weighting = weighted_results(wave, dimension)
    trust = results["trust"]
    assert trust["share"] == pytest.approx(12 / 20)  # unweighted, the same people: 11/20
    assert trust["effective_n"] == pytest.approx(400 / 21.4)
    assert trust["answers"] == 20


def test_a_cell_without_respondents_is_reported_as_uncovered(wave, weighted_example):
    dimension, (ward_a, ward_b, x, y) = weighted_example
    from engage.monitoring.pulse.models import Response

    Response.objects.filter(wave=wave, area=ward_b, declarations__category=x).delete()
    weighting, _mapping = compute_weights(wave, dimension)
    assert weighting.uncovered == pytest.approx(0.1)
    assert (ward_b.pk, x.pk) not in weighting.weights


def test_response_representation_uses_the_representation_report(wave, city):
    dimension = dimension_with_groups("Faith", {"a": "Group A", "b": "Group B"})
    group_a, group_b = dimension.categories.order_by("sort_order")
    BaselineShare.objects.create(area=city, category=group_a, share="0.5")
    BaselineShare.objects.create(area=city, category=group_b, share="0.5")
    answers(wave, "trust", 30, 0, declarations=[group_a])
    answers(wave, "trust", 10, 0, declarations=[group_b])
    report = wave_representation(wave)
    rows = {row.slug: row for row in report.dimensions[0].rows}
    assert report.participants == 40
    assert rows["a"].participants == 30 and rows["a"].flag == "over"
    published = report.publishable()
    assert published["dimensions"][0]["rows"][0]["participants"]["count"] == 30


def test_no_change_from_a_previous_wave_whose_base_was_too_small(wards):
    # The previous wave had 3 people in the ward: its share must not be worked out
    # from the change, even though this wave's ward cell is shown.
    before = make_wave(days=(-60, -50), title="Winter")
    answers(before, "trust", 2, 1, area=wards[0])
    answers(before, "trust", 30, 30, area=wards[1])
    now = make_wave()
    answers(now, "trust", 45, 55, area=wards[0])
    answers(now, "trust", 30, 30, area=wards[1])
    trust = _question(wave_results(now, threshold=10), "trust")
    by_code = {area["code"]: area for area in trust["areas"]}
    small_before = by_code[wards[0].code]
    assert small_before["share"] is not None  # the current cell is shown...
    assert small_before["change"] is None  # ...but not the change from 3 people
    assert by_code[wards[1].code]["change"] is not None  # 60 then and now
    assert trust["overall"]["change"] is not None  # 63 then, 160 now: both shown


def test_no_overall_change_when_the_previous_total_was_too_small(wards):
    before = make_wave(days=(-60, -50), title="Winter")
    answers(before, "trust", 3, 1, area=wards[0])
    now = make_wave()
    answers(now, "trust", 45, 55, area=wards[0])
    trust = _question(wave_results(now, threshold=10), "trust")
    assert trust["overall"]["share"] is not None
    assert trust["overall"]["change"] is None
