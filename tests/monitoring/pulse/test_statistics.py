"""The statistics of pulse results against values worked out by hand."""

import pytest

from engage.monitoring.pulse.results.statistics import (
    effective_sample_size,
    two_proportion_z_test,
    wilson_interval,
)


def test_wilson_interval_of_60_in_100_matches_the_hand_computed_bounds():
    # p = .6, z = 1.959964, z²/n = .0384146: centre .596307, half-width .094298.
    low, high = wilson_interval(60, 100)
    assert low == pytest.approx(0.50201, abs=1e-5)
    assert high == pytest.approx(0.69060, abs=1e-5)


def test_wilson_interval_stays_inside_0_and_1_at_the_edges():
    low, high = wilson_interval(0, 12)
    assert low == 0.0
    assert high == pytest.approx(0.24249, abs=1e-5)  # z²/(n + z²) = 3.8415/15.8415
    assert wilson_interval(5, 0) is None


def test_a_fall_from_60_to_45_percent_in_100_answers_each_is_more_than_noise():
    # pooled p = .525, se = √(.525·.475·(1/100 + 1/100)) = .0706222, z = −.15/se.
    test = two_proportion_z_test(60, 100, 45, 100)
    assert test.difference == pytest.approx(-0.15)
    assert test.z == pytest.approx(-2.12398, abs=1e-4)
    assert test.p_value == pytest.approx(0.03367, abs=1e-4)
    assert test.significant


def test_a_fall_from_60_to_55_percent_in_100_answers_each_is_within_noise():
    # pooled p = .575, se = .0699107, z = −.05/se = −.71520, p = .4745.
    test = two_proportion_z_test(60, 100, 55, 100)
    assert test.z == pytest.approx(-0.71520, abs=1e-4)
    assert test.p_value == pytest.approx(0.4745, abs=1e-3)
    assert not test.significant


def test_no_test_without_answers_and_no_change_without_variation():
    assert two_proportion_z_test(0, 0, 5, 10) is None
    same = two_proportion_z_test(10, 10, 20, 20)
    assert (same.z, same.p_value, same.significant) == (0.0, 1.0, False)


def test_effective_sample_size_is_kish():
    # weights 1.5×4, 1×4, 1×2, .8×10: (20)² / (9 + 4 + 2 + 6.4).
    assert effective_sample_size([(1.5, 4), (1.0, 4), (1.0, 2), (0.8, 10)]) == pytest.approx(
        400 / 21.4
    )
    assert effective_sample_size([]) == 0.0
