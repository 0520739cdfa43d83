"""The statistics behind the flags, against hand-computed values and SciPy."""

import math

import pytest
from scipy import stats

from engage.communities.representation.flags import Flag, flag_for
from engage.communities.representation.statistics import (
    chi_square_goodness_of_fit,
    total_variation_distance,
    wilson_interval,
)


class TestWilsonInterval:
    def test_matches_a_hand_computed_example(self):
        # 5 of 10, z = 1.959964: centre 0.5, half-width
        # z/(1+z²/n) * sqrt(p(1-p)/n + z²/4n²) = 1.7038/1.38415 * 0.24209... = 0.29929
        low, high = wilson_interval(5, 10)
        assert low == pytest.approx(0.236593, abs=1e-6)
        assert high == pytest.approx(0.763407, abs=1e-6)

    def test_zero_successes_has_a_positive_upper_bound(self):
        low, high = wilson_interval(0, 20)
        assert low == 0.0
        # z²/(n+z²) = 3.841459/23.841459
        assert high == pytest.approx(3.841459 / 23.841459, abs=1e-6)

    def test_no_trials_gives_no_interval(self):
        assert wilson_interval(0, 0) is None

    @pytest.mark.parametrize(
        ("successes", "trials"), [(0, 1), (1, 1), (3, 17), (40, 400), (999, 1000), (12, 5000)]
    )
    def test_agrees_with_scipy(self, successes, trials):
        expected = stats.binomtest(successes, trials).proportion_ci(
            confidence_level=0.95, method="wilson"
        )
        low, high = wilson_interval(successes, trials)
        assert low == pytest.approx(expected.low, abs=1e-9)
        assert high == pytest.approx(expected.high, abs=1e-9)


class TestChiSquare:
    def test_matches_a_hand_computed_example(self):
        # 100 people against 50/30/20: expected 50, 30, 20; observed 40, 35, 25.
        # (10²/50) + (5²/30) + (5²/20) = 2 + 0.8333 + 1.25 = 4.0833, df 2 -> p = e^(-x/2)
        statistic, p_value = chi_square_goodness_of_fit([40, 35, 25], [0.5, 0.3, 0.2])
        assert statistic == pytest.approx(4.083333, abs=1e-6)
        assert p_value == pytest.approx(math.exp(-4.083333 / 2), abs=1e-6)

    @pytest.mark.parametrize(
        ("observed", "shares"),
        [
            ([12, 30, 58], [0.1, 0.3, 0.6]),
            ([5, 5, 5, 85], [0.05, 0.1, 0.15, 0.7]),
            ([1000, 2000], [0.4, 0.6]),
        ],
    )
    def test_agrees_with_scipy(self, observed, shares):
        total = sum(observed)
        expected = stats.chisquare(observed, [share * total for share in shares])
        statistic, p_value = chi_square_goodness_of_fit(observed, shares)
        assert statistic == pytest.approx(expected.statistic)
        assert p_value == pytest.approx(expected.pvalue)

    def test_zero_baseline_category_is_left_out_without_dividing_by_zero(self):
        statistic, p_value = chi_square_goodness_of_fit([40, 60, 0], [0.5, 0.5, 0.0])
        assert statistic == pytest.approx(4.0)
        assert p_value == pytest.approx(stats.chisquare([40, 60]).pvalue)

    def test_anyone_in_a_zero_baseline_category_makes_the_fit_impossible(self):
        assert chi_square_goodness_of_fit([40, 59, 1], [0.5, 0.5, 0.0]) == (math.inf, 0.0)

    def test_nobody_gives_no_test(self):
        assert chi_square_goodness_of_fit([0, 0], [0.5, 0.5]) is None


def test_total_variation_distance():
    assert total_variation_distance([0.5, 0.5], [0.5, 0.5]) == 0
    assert total_variation_distance([1.0, 0.0], [0.0, 1.0]) == 1
    assert total_variation_distance([0.2, 0.3, 0.5], [0.3, 0.3, 0.4]) == pytest.approx(0.1)


class TestFlags:
    def test_under_represented_needs_a_low_ratio_and_an_interval_below(self):
        assert flag_for(20, 400, 0.10, wilson_interval(20, 400)) == Flag.UNDER

    def test_low_ratio_with_a_wide_interval_is_in_range(self):
        # ratio 0.6 but 3 of 50: the interval reaches above 0.10.
        assert flag_for(3, 50, 0.10, wilson_interval(3, 50)) == Flag.IN_RANGE

    def test_over_represented(self):
        assert flag_for(80, 400, 0.10, wilson_interval(80, 400)) == Flag.OVER

    def test_absent_when_five_or_more_were_expected(self):
        assert flag_for(0, 100, 0.05, wilson_interval(0, 100)) == Flag.ABSENT

    def test_nobody_where_fewer_than_five_were_expected_is_not_absent(self):
        assert flag_for(0, 100, 0.04, wilson_interval(0, 100)) != Flag.ABSENT

    def test_too_few_declarations(self, settings):
        settings.REPRESENTATION_MIN_DECLARED = 30
        assert flag_for(1, 20, 0.5, wilson_interval(1, 20)) == Flag.TOO_FEW

    def test_thresholds_are_settings(self, settings):
        settings.REPRESENTATION_UNDER_RATIO = 0.4
        assert flag_for(20, 400, 0.10, wilson_interval(20, 400)) == Flag.IN_RANGE

    def test_zero_baseline_never_divides_by_zero(self):
        assert flag_for(0, 100, 0.0, wilson_interval(0, 100)) == Flag.IN_RANGE
        assert flag_for(5, 100, 0.0, wilson_interval(5, 100)) == Flag.OVER
