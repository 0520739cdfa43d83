"""The text-signals report of a scope: `compute_report` assembles the periods and the
total from `aggregates` and, with a dimension, the breakdown by community group from
`breakdown`; `signals_report` caches it under the scope's version token (and the
declarations' version for a breakdown). Kept apart from both so that neither imports the
other's caller."""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from . import aggregates_cache
from .aggregates import (
    INTERVALS,
    NEUTRAL_BAND,
    _iso,
    _totals,
    period_aggregates,
    summarise,
    withhold_recoverable_total,
)
from .breakdown import declarations_version, dimension_for, group_breakdown


def compute_report(scope, interval="week", since=None, until=None, dimension=None):
    """The report (not cached): periods oldest first, and the totals; with `dimension`
    (a communities Dimension), the totals by its community groups (`breakdown`)."""
    threshold = settings.SMALL_CELL_THRESHOLD
    periods = period_aggregates(scope, interval, since, until)
    report = {
        "scope": str(scope),
        "interval": interval,
        "since": _iso(since),
        "until": _iso(until),
        "threshold": threshold,
        "neutral_band": NEUTRAL_BAND,
        "generated_at": timezone.now().isoformat(),
        "total": summarise(_totals(periods), threshold),
        "periods": [{"start": _iso(start), **summarise(row, threshold)} for start, row in periods],
    }
    withhold_recoverable_total(report)
    if dimension is not None:
        report["dimension"] = group_breakdown(scope, dimension, since, until, threshold)
    return report


def cache_seconds():
    return int(getattr(settings, "INSIGHTS_CACHE_SECONDS", 3600))


def signals_report(scope, interval="week", since=None, until=None, dimension=None):
    """The report of `scope` (a SignalScope) per `interval` ("day" or "week"), cached
    until a text of the scope changes. `dimension` (a Dimension slug) adds the breakdown
    by community group; those reports are also invalidated by any declaration or consent
    change (a withdrawn consent drops the person at once)."""
    if interval not in INTERVALS:
        raise ValueError(f"Unknown interval {interval!r}")
    version = aggregates_cache.version(str(scope))
    key = f"{aggregates_cache.PREFIX}:report:{scope}:{interval}:{_iso(since)}:{_iso(until)}"
    group_dimension = None
    if dimension:
        group_dimension = dimension_for(dimension)
        version = f"{version}:{declarations_version()}"
        key = f"{key}:{group_dimension.slug}"
    cached = cache.get(key)
    if cached is not None and cached.get("version") == version:
        return cached["report"]
    report = compute_report(scope, interval, since, until, group_dimension)
    cache.set(key, {"version": version, "report": report}, cache_seconds())
    return report
