"""The rule maths on synthetic weekly series: each kind fires exactly where the series
departs from its usual range, never on sparse data, and once per cooldown."""

import pytest

from engage.monitoring.alerts import rules
from engage.monitoring.alerts.rules.statistics import (
    mean_and_sd,
    poisson_quantile,
    two_proportion_z,
)

from .synthetic import points, week, weeks

NEGATIVE_BASELINE = [0.20, 0.22, 0.18, 0.21, 0.19, 0.20, 0.23, 0.17, 0.21, 0.20]
COUNTS_BASELINE = [3, 4, 2, 5, 3, 4, 3, 2, 4, 3]


def fired(kind, series, n, params=None, cooldown=0, started=None):
    return [f.week for f in rules.scan(kind, series, weeks(n), params, cooldown, started)]


# --- statistics ------------------------------------------------------------------------


def test_poisson_quantile_is_the_top_of_the_usual_range():
    assert poisson_quantile(0, 0.99) == 0
    assert poisson_quantile(3, 0.99) == 8  # P(X ≤ 7) = 0.988, P(X ≤ 8) = 0.996
    assert poisson_quantile(0.25, 0.99) == 2


def test_two_proportion_z_and_its_undefined_cases():
    assert two_proportion_z(0.68, 200, 0.55, 200) == pytest.approx(2.67, abs=0.01)
    assert two_proportion_z(0.5, 0, 0.4, 10) is None
    assert two_proportion_z(1.0, 10, 1.0, 10) is None


def test_mean_and_sd():
    assert mean_and_sd([]) == (None, None)
    assert mean_and_sd([2.0]) == (2.0, 0.0)
    assert mean_and_sd([1.0, 3.0]) == (2.0, pytest.approx(1.4142, abs=1e-4))


# --- negativity ------------------------------------------------------------------------


def test_negativity_fires_exactly_in_the_week_it_departs():
    series = points([*NEGATIVE_BASELINE, 0.45, 0.21, 0.19])
    assert fired(rules.NEGATIVITY, series, 13) == [week(10)]
    finding = rules.judge(rules.NEGATIVITY, series, week(10))
    assert finding.figures["value"] == 0.45
    assert finding.figures["baseline"] == pytest.approx(0.19875)
    assert finding.compared == (week(2), week(9))


def test_negativity_does_not_fire_within_sampling_noise():
    # Six points above a steady 20% is within what 100 texts give by chance.
    series = points([0.20] * 10 + [0.26])
    assert fired(rules.NEGATIVITY, series, 11) == []


def test_negativity_never_fires_on_sparse_weeks():
    few_texts = points([*NEGATIVE_BASELINE, 0.9], counts=10)
    assert fired(rules.NEGATIVITY, few_texts, 11) == []
    # Enough texts this week, but only three judged weeks before it.
    short = points([None] * 7 + [0.20, 0.21, 0.19, 0.9])
    assert fired(rules.NEGATIVITY, short, 11) == []
    # A lower minimum in the rule's parameters lets the same few texts count.
    assert fired(rules.NEGATIVITY, few_texts, 11, {"min_count": 5}) == [week(10)]


def test_negativity_fires_on_a_real_jump_after_a_quiet_baseline():
    # Eight weeks without a single negative text (mean 0, sd 0), then half of 100.
    quiet = points([0.0] * 8 + [0.5])
    assert fired(rules.NEGATIVITY, quiet, 9) == [week(8)]
    finding = rules.judge(rules.NEGATIVITY, quiet, week(8))
    # p̃ = (0 + 1) / (100 + 2); spread = √(p̃(1 − p̃)/100)
    assert finding.figures["sd"] == pytest.approx(0.00985, abs=1e-4)


def test_negativity_ignores_a_tiny_rise_after_a_quiet_baseline():
    # One negative text in 20, or in 100, after weeks of none is not an alert.
    assert fired(rules.NEGATIVITY, points([0.0] * 8 + [0.05], counts=20), 9) == []
    assert fired(rules.NEGATIVITY, points([0.0] * 8 + [0.01]), 9) == []
    # And the minimum count still applies to a big jump on few texts.
    assert fired(rules.NEGATIVITY, points([0.0] * 8 + [0.5], counts=10), 9) == []


# --- counts above their usual range ------------------------------------------------------


def test_count_fires_exactly_at_the_spike():
    series = points([*COUNTS_BASELINE, 15, 3, 4])
    assert fired(rules.COUNT_ABOVE_RANGE, series, 13, started=week(0)) == [week(10)]
    finding = rules.judge(rules.COUNT_ABOVE_RANGE, series, week(10), started=week(0))
    assert finding.figures["threshold"] == pytest.approx(8.0)  # Poisson(3.25) at 99%
    assert finding.figures["value"] == 15


def test_count_reads_missing_weeks_as_zero_once_the_series_has_started():
    # One report in ten weeks, then six: above the range and above the minimum.
    series = points([None, None, 1, None, None, None, None, None, None, None, 6])
    assert fired(rules.COUNT_ABOVE_RANGE, series, 11, started=week(0)) == [week(10)]


def test_count_never_fires_on_sparse_or_new_series():
    quiet = points([None, None, 1, None, None, None, None, None, None, None, 3])
    assert fired(rules.COUNT_ABOVE_RANGE, quiet, 11, started=week(0)) == []  # 3 < 5
    spike = points([*COUNTS_BASELINE, 15])
    # The series started only 5 weeks before: the trailing 8 weeks are not all observed.
    assert fired(rules.COUNT_ABOVE_RANGE, spike, 11, started=week(5)) == []
    assert fired(rules.COUNT_ABOVE_RANGE, spike, 11, started=None) == []


# --- tension ---------------------------------------------------------------------------


def test_tension_fires_at_level_three():
    series = points([1, 2, 1, 2, 3, 2], counts=1)
    assert fired(rules.TENSION, series, 6) == [week(4)]
    assert rules.judge(rules.TENSION, series, week(4)).figures["reason"] == "level"


def test_tension_fires_when_rising_two_periods_in_a_row():
    # Assessed every four weeks: 1, then 2, then 2.5 (below 3, but rising twice).
    series = points([1, None, None, None, 2, None, None, None, 2.5, None, 2.5], counts=1)
    assert fired(rules.TENSION, series, 11) == [week(8)]
    finding = rules.judge(rules.TENSION, series, week(8))
    assert finding.figures["reason"] == "rising"
    assert finding.compared == (week(0), week(4))
    # Weekly points repeat each assessment over its period: the rise is judged once.
    weekly = points([1, 1, 1, 1, 2, 2, 2, 2, 2.5, 2.5, 2.5], counts=1)
    assert fired(rules.TENSION, weekly, 11) == [week(8)]
    # Rising once, then level, is no alert.
    assert fired(rules.TENSION, points([1, 2, 2, 2], counts=1), 4) == []


def test_a_rise_to_a_high_level_names_both_conditions():
    # 1 → 2 → 3: level 3 and a rise over two periods; the explanation names both.
    series = points([1, 1, 2, 2, 3], counts=1)
    finding = rules.judge(rules.TENSION, series, week(4))
    assert finding.figures["reason"] == "level"
    assert finding.figures["conditions"] == ["level", "rising"]
    # Rising at any level: 3 → 4 → 5 under a threshold of 6.
    high = points([3, 3, 4, 4, 5], counts=1)
    finding = rules.judge(rules.TENSION, high, week(4), {"level": 6})
    assert finding.figures["conditions"] == ["rising"]


def test_tension_fires_when_the_last_two_assessments_report_a_rising_trend():
    flat = points([2, 2, 2, 2, 2, 2], counts=1)
    rising = [(week(0), "rising"), (week(3), "rising")]
    assert fired(rules.TENSION, flat, 6) == []
    assert [
        f.week
        for f in rules.scan(
            rules.TENSION, flat, weeks(6), cooldown_days=28, context={"trends": rising}
        )
    ] == [week(3)]
    finding = rules.judge(rules.TENSION, flat, week(3), context={"trends": rising})
    assert finding.figures["reason"] == "trend"
    assert finding.compared == (week(0), week(3))
    # Not before the second assessment has begun; not when only the latest is rising;
    # not when the earlier one is older than the lookback.
    assert rules.judge(rules.TENSION, flat, week(2), context={"trends": rising}) is None
    mixed = [(week(0), "stable"), (week(3), "rising")]
    assert rules.judge(rules.TENSION, flat, week(3), context={"trends": mixed}) is None
    after_a_fall = [(week(0), "rising"), (week(1), "falling"), (week(3), "rising")]
    assert rules.judge(rules.TENSION, flat, week(3), context={"trends": after_a_fall}) is None
    old = points([2] * 20, counts=1)
    stale = [(week(0), "rising"), (week(19), "rising")]
    assert rules.judge(rules.TENSION, old, week(19), context={"trends": stale}) is None
    # No assessment this week: nothing to judge, whatever the trends.
    gap = points([2, 2, None, 2], counts=1)
    assert rules.judge(rules.TENSION, gap, week(2), context={"trends": rising}) is None


def test_tension_without_an_assessment_never_fires():
    assert fired(rules.TENSION, points([5, 5], counts=0), 2) == []


# --- pulse indicators --------------------------------------------------------------------


def test_pulse_drop_fires_only_on_a_significant_drop():
    shares = [0.70] + [None] * 12 + [0.68] + [None] * 12 + [0.55]
    series = points(shares, counts=200)
    assert fired(rules.PULSE_DROP, series, 27) == [week(26)]
    finding = rules.judge(rules.PULSE_DROP, series, week(26))
    assert finding.figures["previous"] == 0.68
    assert finding.compared == (week(13), week(13))


def test_pulse_rise_or_small_samples_never_fire():
    rise = points([0.55, None, 0.70], counts=200)
    assert fired(rules.PULSE_DROP, rise, 3) == []
    small = points([0.80, None, 0.40], counts=20)
    assert fired(rules.PULSE_DROP, small, 3) == []


# --- polarisation ------------------------------------------------------------------------


def test_polarisation_above_the_threshold_with_enough_texts():
    series = points([0.40, 0.52, 0.71, 0.50], counts=[50, 50, 50, 50])
    assert fired(rules.POLARISATION, series, 4) == [week(2)]
    sparse = points([0.40, 0.9], counts=[50, 12])
    assert fired(rules.POLARISATION, sparse, 2) == []


# --- cooldown ----------------------------------------------------------------------------


def test_a_lasting_departure_alerts_once_per_cooldown():
    series = points([1, 1, 1, 3, 3, 3, 3, 3, 3, 1], counts=1)
    assert fired(rules.TENSION, series, 10, cooldown=0) == [week(i) for i in range(3, 9)]
    assert fired(rules.TENSION, series, 10, cooldown=21) == [week(3), week(6)]
    assert fired(rules.TENSION, series, 10, cooldown=28) == [week(3), week(7)]


def test_cooldown_counts_alerts_on_either_side_and_never_repeats_a_week():
    assert not rules.cooldown_allows([week(5)], week(5), 0)
    assert not rules.cooldown_allows([week(5)], week(6), 14)
    assert not rules.cooldown_allows([week(5)], week(4), 14)
    assert rules.cooldown_allows([week(5)], week(7), 14)
    assert rules.cooldown_allows([], week(7), 14)


def test_weeks_judged_by_a_daily_run():
    thursday = week(3) + (week(1) - week(0)) / 7 * 3
    assert rules.weeks_to_judge(thursday) == [week(2), week(3)]
    assert rules.weeks_to_judge(week(3), 1) == [week(3)]
    assert rules.iso_week(week(0)) == "2026-W02"
