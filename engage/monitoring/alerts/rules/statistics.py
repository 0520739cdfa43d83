"""The small statistics the early-warning rules use (pure functions, no Django)."""

import math


def mean_and_sd(values):
    """(mean, sample standard deviation) of `values`; sd is 0.0 for fewer than two."""
    values = list(values)
    if not values:
        return None, None
    mean = sum(values) / len(values)
    if len(values) < 2:
        return mean, 0.0
    variance = sum((value - mean) ** 2 for value in values) / (len(values) - 1)
    return mean, math.sqrt(variance)


def poisson_quantile(rate, probability):
    """The smallest k with P(X ≤ k) ≥ `probability` for X ~ Poisson(`rate`).

    Counts above it happen with a chance below 1 − probability when the weekly rate is
    as usual: the top of the usual weekly range of a count (0 when the rate is 0).
    """
    if rate <= 0:
        return 0
    term = math.exp(-rate)
    cumulative = term
    k = 0
    # The mean plus 50 standard deviations is far beyond any probability asked for.
    limit = int(rate + 50 * math.sqrt(rate) + 50)
    while cumulative < probability and k < limit:
        k += 1
        term *= rate / k
        cumulative += term
    return k


def two_proportion_z(p1, n1, p2, n2):
    """z of the difference p1 − p2 of two independent proportions (pooled standard
    error); None when it is undefined (no answers, or everyone answered alike)."""
    if not n1 or not n2:
        return None
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return None
    return (p1 - p2) / se
