"""The statistics of pulse results: the Wilson interval (shared with representation
reports), the two-proportion z-test for the change between waves, and Kish's effective
sample size for weighted shares. Plain functions of counts; no database."""

import math
from dataclasses import dataclass
from statistics import NormalDist

from engage.communities.representation.statistics import wilson_interval

SIGNIFICANCE = 0.05

__all__ = [
    "SIGNIFICANCE",
    "ChangeTest",
    "effective_sample_size",
    "two_proportion_z_test",
    "wilson_interval",
]


@dataclass(frozen=True)
class ChangeTest:
    """The change of a share from one wave to the next, and whether it is more than
    noise: `significant` when the two-sided p-value is below 5%."""

    difference: float  # current share minus previous share
    z: float
    p_value: float
    significant: bool


def two_proportion_z_test(previous_yes, previous_n, current_yes, current_n, alpha=SIGNIFICANCE):
    """The pooled two-proportion z-test of `current_yes / current_n` against
    `previous_yes / previous_n`; None when either base is 0.

    z = (p2 − p1) / √(p̂(1 − p̂)(1/n1 + 1/n2)) with p̂ = (x1 + x2)/(n1 + n2); the p-value
    is two-sided. When every answer in both waves is the same (p̂ is 0 or 1) there is no
    variation to test: z = 0, p = 1.
    """
    if previous_n <= 0 or current_n <= 0:
        return None
    p1 = previous_yes / previous_n
    p2 = current_yes / current_n
    pooled = (previous_yes + current_yes) / (previous_n + current_n)
    se = math.sqrt(pooled * (1 - pooled) * (1 / previous_n + 1 / current_n))
    if se == 0:
        return ChangeTest(p2 - p1, 0.0, 1.0, False)
    z = (p2 - p1) / se
    p_value = 2 * (1 - NormalDist().cdf(abs(z)))
    return ChangeTest(p2 - p1, z, p_value, p_value < alpha)


def effective_sample_size(weights_and_counts):
    """Kish's effective sample size (Σ w·n)² / Σ w²·n of weighted answers, given as
    (weight, number of answers with that weight) pairs; 0 when there are none."""
    total = sum(weight * count for weight, count in weights_and_counts)
    squares = sum(weight * weight * count for weight, count in weights_and_counts)
    return total * total / squares if squares > 0 else 0.0
