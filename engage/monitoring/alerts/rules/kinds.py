"""The rule kinds: each judges one scope's weekly series in one week.

A judge is `judge(points, week, params, started=None) -> Finding | None`, where
`points` maps Mondays to `engage.monitoring.series.Point`s of one area (or one
consultation), `week` is the Monday judged, `params` the rule's parameters (missing
ones take the defaults below) and `started` the first Monday the series has data
anywhere (count series read a missing week as zero only after it). Pure functions:
the tests feed them synthetic series. Formulas and defaults: docs/monitoring.md.
"""

import datetime
import math

from .base import WEEK, Finding, param, trailing_weeks
from .statistics import mean_and_sd, poisson_quantile, two_proportion_z

NEGATIVITY = "negativity"
COUNT_ABOVE_RANGE = "count_above_range"
TENSION = "tension"
PULSE_DROP = "pulse_drop"
POLARISATION = "polarisation"
RISING = "rising"  # an assessment's trend (engage.monitoring.tension.models.Trend)

DEFAULTS = {
    NEGATIVITY: {"z": 2.0, "window_weeks": 8, "min_count": 20, "min_baseline_weeks": 4},
    COUNT_ABOVE_RANGE: {"z": 2.0, "alpha": 0.01, "window_weeks": 8, "min_count": 5},
    TENSION: {"level": 3, "min_count": 1, "lookback_weeks": 13},
    PULSE_DROP: {"z": 1.96, "min_count": 30, "lookback_weeks": 26},
    POLARISATION: {"threshold": 0.6, "min_count": 30, "window_weeks": 4},
}


def _usable(point, min_count):
    return point is not None and point.value is not None and point.count >= min_count


def smoothed_sampling_error(baseline, n):
    """√(p̃(1−p̃)/n), p̃ = (x̄+1)/(n̄+2): the sampling error of a week of `n` texts at the
    baseline's share, smoothed (one negative and one other text added to a mean week) so
    that a baseline without any negative text does not claim a spread of zero."""
    texts = sum(point.count for point in baseline) / len(baseline)
    negative = sum(point.value * point.count for point in baseline) / len(baseline)
    smoothed = (negative + 1) / (texts + 2)
    return math.sqrt(smoothed * (1 - smoothed) / n)


def negativity(points, week, params, started=None):
    """The week's share of negative texts is more than z standard deviations above the
    mean of its trailing weeks. The spread used is the larger of the trailing weeks'
    standard deviation and the week's sampling error at a smoothed baseline share,
    √(p̃(1−p̃)/n) with p̃ = (x̄+1)/(n̄+2) (x̄, n̄: the trailing weeks' mean negative and
    scored texts per week; n: the week's scored texts), so a steady baseline does not
    turn noise into an alert and a quiet one (0% negative, sd 0) still lets a real jump
    fire. Weeks with fewer than `min_count` scored texts are neither judged nor used as
    baseline."""
    z = param(params, "z", 2.0)
    window = param(params, "window_weeks", 8)
    min_count = param(params, "min_count", 20)
    current = points.get(week)
    if not _usable(current, min_count):
        return None
    weeks = trailing_weeks(week, window)
    usable = [points[w] for w in weeks if _usable(points.get(w), min_count)]
    if len(usable) < param(params, "min_baseline_weeks", 4):
        return None
    mean, sd = mean_and_sd(point.value for point in usable)
    spread = max(sd, smoothed_sampling_error(usable, current.count))
    threshold = mean + z * spread
    if spread <= 0 or current.value <= threshold:
        return None
    return Finding(
        week,
        {
            "value": current.value,
            "count": current.count,
            "baseline": mean,
            "sd": spread,
            "threshold": threshold,
            "z": (current.value - mean) / spread,
            "baseline_weeks": len(usable),
        },
        (weeks[0], weeks[-1]),
    )


def count_above_range(points, week, params, started=None):
    """The week's count is above its usual weekly range: above both the trailing mean +
    z·sd and the (1 − alpha) quantile of a Poisson distribution with the trailing mean
    as its rate (which keeps a near-empty baseline from making two events an alert),
    and at least `min_count`. A week without a point counts as zero, but only once the
    whole trailing window lies after `started`: a new series is not judged."""
    z = param(params, "z", 2.0)
    alpha = param(params, "alpha", 0.01)
    window = param(params, "window_weeks", 8)
    min_count = param(params, "min_count", 5)
    weeks = trailing_weeks(week, window)
    if started is None or started > weeks[0]:
        return None
    current = points.get(week)
    value = current.value if current is not None and current.value is not None else 0.0
    if value < min_count:
        return None
    baseline = [
        points[w].value if w in points and points[w].value is not None else 0.0 for w in weeks
    ]
    mean, sd = mean_and_sd(baseline)
    upper = max(mean + z * sd, float(poisson_quantile(mean, 1 - alpha)))
    if value <= upper:
        return None
    return Finding(
        week,
        {"value": value, "baseline": mean, "sd": sd, "threshold": upper, "count": int(value)},
        (weeks[0], weeks[-1]),
    )


def _runs(points):
    """The values of consecutive points with runs of one value collapsed: an assessment
    counts in every week of its period, so a period is a run of equal weekly values."""
    runs = []
    for point in points:
        if not runs or runs[-1][1] != point.value:
            runs.append((point.week, point.value))
    return runs


def _monday(day):
    return day - datetime.timedelta(days=day.weekday())


def _last_two_rising(trends, week, lookback):
    """(older, newer) period starts when the last two assessments that began by the end
    of `week` (and within `lookback` weeks before it) both report a rising trend."""
    end = week + datetime.timedelta(days=6)
    earliest = week - WEEK * lookback
    begun = [
        (start, trend) for start, trend in sorted(trends, key=lambda item: item[0]) if start <= end
    ]
    if len(begun) < 2:
        return None
    (older, older_trend), (newer, newer_trend) = begun[-2:]
    if older < earliest or older_trend != RISING or newer_trend != RISING:
        return None
    return older, newer


def tension(points, week, params, started=None, trends=()):
    """The week's tension level is `level` or more; or it rose over two consecutive
    periods (within `lookback_weeks`, the last three distinct levels, a period's level
    repeating over its weeks, rise one after the other at any level, the last rise in
    this week); or the last two assessments of the area (begun by the end of the week,
    within `lookback_weeks`) report a rising trend. `trends`: the area's assessments as
    (period start, trend) pairs. `reason` names the first condition that held,
    `conditions` all of them ("level", "rising", "trend")."""
    level = param(params, "level", 3)
    min_count = param(params, "min_count", 1)
    lookback = param(params, "lookback_weeks", 13)
    current = points.get(week)
    if not _usable(current, min_count):
        return None
    earlier = [
        points[w] for w in trailing_weeks(week, lookback) if _usable(points.get(w), min_count)
    ]
    figures = {"value": current.value, "count": current.count, "threshold": level}
    if earlier:
        figures["previous"] = earlier[-1].value
    conditions, compared = [], None
    if current.value >= level:
        conditions.append("level")
    runs = _runs([*earlier, current])
    if earlier and earlier[-1].value < current.value and len(runs) >= 3:
        (first_week, before), (second_week, previous), _now = runs[-3:]
        if before < previous < current.value:
            conditions.append("rising")
            figures.update(previous=previous, before_previous=before)
            compared = (first_week, second_week)
    rising_trend = _last_two_rising(trends, week, lookback)
    if rising_trend is not None:
        conditions.append("trend")
        figures["trend_since"] = rising_trend[0].isoformat()
        if compared is None and "level" not in conditions:
            compared = (_monday(rising_trend[0]), _monday(rising_trend[1]))
    if not conditions:
        return None
    figures.update(reason=conditions[0], conditions=conditions)
    return Finding(week, figures, compared)


def pulse_drop(points, week, params, started=None):
    """The week's wave agrees significantly less than the wave before it (within
    `lookback_weeks`): a two-proportion z-test, z = (p₁ − p₂) / √(p̄(1−p̄)(1/n₁ + 1/n₂)),
    fires when z ≥ `z` (1.96: a drop that chance alone explains less than 2.5% of the
    time). Both waves need `min_count` answers."""
    z_critical = param(params, "z", 1.96)
    min_count = param(params, "min_count", 30)
    lookback = param(params, "lookback_weeks", 26)
    current = points.get(week)
    if not _usable(current, min_count):
        return None
    earlier = [points[w] for w in trailing_weeks(week, lookback) if w in points]
    if not earlier or not _usable(earlier[-1], min_count):
        return None
    previous = earlier[-1]
    z = two_proportion_z(previous.value, previous.count, current.value, current.count)
    if z is None or z < z_critical:
        return None
    return Finding(
        week,
        {
            "value": current.value,
            "count": current.count,
            "previous": previous.value,
            "previous_count": previous.count,
            "drop": previous.value - current.value,
            "z": z,
            "threshold": z_critical,
        },
        (previous.week, previous.week),
    )


def polarisation(points, week, params, started=None):
    """The consultation's polarisation (bimodality coefficient of the sentiment of its
    texts over the `window_weeks` up to the week) is above `threshold`, with at least
    `min_count` scored texts."""
    threshold = param(params, "threshold", 0.6)
    min_count = param(params, "min_count", 30)
    current = points.get(week)
    if not _usable(current, min_count) or current.value <= threshold:
        return None
    return Finding(week, {"value": current.value, "count": current.count, "threshold": threshold})


JUDGES = {
    NEGATIVITY: negativity,
    COUNT_ABOVE_RANGE: count_above_range,
    TENSION: tension,
    PULSE_DROP: pulse_drop,
    POLARISATION: polarisation,
}
