"""The daily evaluation: every enabled rule over the weekly series, raising alerts.

`evaluate(as_of)` reads, for each enabled rule, its series for all areas at once
(`engage.monitoring.series.weekly`; polarisation: one SQL aggregate per judged week
over the consultations' texts), judges the recent weeks with the pure functions of
`rules`, and hands each finding that the cooldown allows to `services.raise_alert`.
A rule whose series no app has registered is skipped with a warning. A rule that fails
(a provider or database error) is logged with its name and rolled back alone (its own
savepoint); the other rules are still evaluated, and the result's `failed` lists it.
"""

import datetime
import logging

from django.db import transaction
from django.db.models import Count, F, Sum
from django.utils import timezone

from engage.insights.aggregates import bimodality_coefficient, moments
from engage.insights.models import TextAnalysis
from engage.monitoring import series as registry

from . import rules as maths
from . import services
from .models import Alert, AlertRule
from .text_series import NEGATIVE_SHARE, day_bounds

logger = logging.getLogger("engage.monitoring.alerts")

WEEK = datetime.timedelta(days=7)
# How far back a count series is searched for its first data (rules.count_above_range).
START_SEARCH_WEEKS = 26
TENSION_LEVEL = "tension.level"
DEFAULT_SERIES = {maths.NEGATIVITY: NEGATIVE_SHARE, maths.TENSION: TENSION_LEVEL}


def series_keys(rule):
    """The series a rule watches: its own, the kind's, or every `pulse.*` series."""
    if rule.series:
        return [rule.series]
    if rule.kind == maths.PULSE_DROP:
        return [s.key for s in registry.registered() if s.key.startswith("pulse.")]
    return [DEFAULT_SERIES[rule.kind]] if rule.kind in DEFAULT_SERIES else []


def history_weeks(kind, params):
    """How many weeks before the first judged week a judgement reads."""
    window = int(params.get("window_weeks", 0))
    lookback = int(params.get("lookback_weeks", 0))
    extra = START_SEARCH_WEEKS if kind == maths.COUNT_ABOVE_RANGE else 0
    return max(window, lookback) + extra + 1


def assessment_trends(since, until):
    """{area code: [(period start, trend)]} of the tension assessments overlapping the
    dates, oldest first: the partners' own trend, which the `tension.level` series (a
    number per week) cannot carry. One query."""
    from engage.monitoring.tension.models import Assessment

    trends = {}
    rows = (
        Assessment.objects.overlapping(since, until)
        .order_by("period_start", "pk")
        .values_list("area__code", "period_start", "trend")
    )
    for code, start, trend in rows:
        trends.setdefault(code, []).append((start, trend))
    return trends


def area_inputs(rule, params, weeks, as_of):
    """[(series key, area code, points, started, context)] for an area rule."""
    since = weeks[0] - WEEK * history_weeks(rule.kind, params)
    for key in series_keys(rule):
        try:
            by_area = registry.weekly(key, since, as_of)
        except KeyError:
            logger.warning("Early-warning rule %s skipped: no series %s", rule.pk, key)
            continue
        weeks_seen = [week for points in by_area.values() for week in points]
        started = min(weeks_seen) if weeks_seen else None
        trends = assessment_trends(since, as_of) if key == TENSION_LEVEL else {}
        for area, points in sorted(by_area.items()):
            context = {"trends": trends.get(area, ())} if key == TENSION_LEVEL else None
            yield key, area, points, started, context


def consultation_polarisation(week, window_weeks, as_of):
    """{consultation id: Point(week, bimodality coefficient, scored texts)} over the
    `window_weeks` ending with `week` (up to `as_of`): one GROUP BY consultation."""
    first = week - WEEK * (window_weeks - 1)
    last = min(week + datetime.timedelta(days=6), as_of)
    start, end = day_bounds(first, last)
    sentiment = F("sentiment")
    grouped = (
        TextAnalysis.objects.filter(
            content_visible=True,
            consultation__isnull=False,
            sentiment__isnull=False,
            content_created_at__gte=start,
            content_created_at__lt=end,
        )
        .values("consultation")
        .annotate(
            n=Count("sentiment"),
            s1=Sum(sentiment),
            s2=Sum(sentiment * sentiment),
            s3=Sum(sentiment * sentiment * sentiment),
            s4=Sum(sentiment * sentiment * sentiment * sentiment),
        )
    )
    points = {}
    for row in grouped:
        n = row["n"]
        _mean, _var, skewness, kurtosis = moments(n, row["s1"], row["s2"], row["s3"], row["s4"])
        bc = bimodality_coefficient(n, skewness, kurtosis)
        points[row["consultation"]] = registry.Point(str(row["consultation"]), week, bc, n)
    return points


def consultation_inputs(params, weeks, as_of):
    """[("", consultation id, points, None, None)] for the polarisation rule."""
    by_consultation = {}
    for week in weeks:
        window = int(params.get("window_weeks", 4))
        for consultation, point in consultation_polarisation(week, window, as_of).items():
            by_consultation.setdefault(consultation, {})[week] = point
    for consultation, points in sorted(by_consultation.items()):
        yield "", consultation, points, None, None


def evaluate_rule(rule, as_of):
    """The alerts `rule` raises on `as_of` (see the module docstring)."""
    params = rule.effective_parameters()
    weeks = maths.weeks_to_judge(as_of, int(params.get("recent_weeks", 2)))
    if rule.kind == maths.POLARISATION:
        inputs, scope_of = consultation_inputs(params, weeks, as_of), "consultation:{}"
    else:
        inputs, scope_of = area_inputs(rule, params, weeks, as_of), "area:{}"
    margin = datetime.timedelta(days=max(rule.cooldown_days, 1))
    alerted = {}
    for series_key, scope, period in Alert.objects.filter(
        rule=rule, period__gt=weeks[0] - margin, period__lt=weeks[-1] + margin
    ).values_list("series", "scope", "period"):
        alerted.setdefault((series_key, scope), []).append(period)
    raised = []
    for series_key, key, points, started, context in inputs:
        scope = scope_of.format(key)
        findings = maths.scan(
            rule.kind,
            points,
            weeks,
            params,
            rule.cooldown_days,
            started,
            alerted.get((series_key, scope), ()),
            context,
        )
        for finding in findings:
            alert = services.raise_alert(rule, series_key, scope, finding)
            if alert is not None:
                raised.append(alert)
    return raised


class Evaluation(list):
    """The alerts a run raised (a list), and `failed`: the rules that raised an error."""

    def __init__(self, alerts=(), failed=()):
        super().__init__(alerts)
        self.failed = list(failed)


def evaluate(as_of=None):
    """Evaluate every enabled rule on `as_of` (default: today): an `Evaluation`, the
    alerts raised, with the rules that failed in `.failed` (each logged, none stopping
    the others)."""
    as_of = as_of or timezone.localdate()
    result = Evaluation()
    for rule in AlertRule.objects.filter(enabled=True).order_by("pk"):
        try:
            with transaction.atomic():
                alerts = evaluate_rule(rule, as_of)
        except Exception:
            logger.exception("Early-warning rule %s (%s) failed on %s", rule.pk, rule.name, as_of)
            result.failed.append(rule)
            continue
        result.extend(alerts)
    return result
