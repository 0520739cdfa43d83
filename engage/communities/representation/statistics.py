"""The statistics of a representation report: a Wilson interval for each group's
share, a chi-square goodness-of-fit test and the total variation distance for each
dimension. Plain functions of counts and shares; no database."""

import math
from statistics import NormalDist

CONFIDENCE = 0.95


def wilson_interval(successes, trials, confidence=CONFIDENCE):
    """The Wilson score interval (low, high) for a proportion; None when `trials` is 0."""
    if trials <= 0:
        return None
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p = successes / trials
    z2n = z * z / trials
    centre = (p + z2n / 2) / (1 + z2n)
    half = z / (1 + z2n) * math.sqrt(p * (1 - p) / trials + z2n / (4 * trials))
    return max(0.0, centre - half), min(1.0, centre + half)


def chi_square_goodness_of_fit(observed, expected_shares):
    """(statistic, p-value) for counts `observed` against `expected_shares` (same
    order, summing to 1). Categories with a zero expected share are left out of the
    test; anyone observed in one makes the fit impossible (statistic inf, p 0). None
    when there is nobody or fewer than two categories to compare."""
    total = sum(observed)
    if total <= 0:
        return None
    pairs = [(o, e * total) for o, e in zip(observed, expected_shares, strict=True) if e > 0]
    if any(o > 0 for o, e in zip(observed, expected_shares, strict=True) if e <= 0):
        return math.inf, 0.0
    if len(pairs) < 2:
        return None
    statistic = sum((o - e) ** 2 / e for o, e in pairs)
    # Imported here, not at the top: scipy.stats takes over a second to import, and
    # every process (web, worker, manage.py) would pay it whether it reports or not.
    from scipy.stats import chi2

    return statistic, float(chi2.sf(statistic, len(pairs) - 1))


def total_variation_distance(shares, baseline_shares):
    """Half the sum of absolute differences between two distributions (0 to 1)."""
    return 0.5 * sum(abs(s - b) for s, b in zip(shares, baseline_shares, strict=True))
