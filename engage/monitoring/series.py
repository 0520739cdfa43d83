"""Weekly series per area: the one shape every monitoring source speaks.

The early-warning rules and the community sentiment dashboard read text signals, pulse
answers, tension assessments, incident reports and recorded hate crime side by side. Each
source registers a provider here (in its app's `ready()`); the readers never import the
sources, and a new source needs no change to them.

A provider is `provider(since, until, areas) -> iterable of Point`: one point per area
and ISO week (Monday) that has data between `since` and `until` (inclusive dates);
`areas` is a collection of area codes to keep, or None for every area. A week without
data has no point: missing is never zero. `count` says how many observations stand
behind the value (texts, answers, reports), so that readers can refuse to judge sparse
data.

A series registered with `internal=True` is read by the early-warning rules (through
`get` and `weekly`) but never listed by `registered()` unless asked, so the dashboard
and its downloads never show it: e.g. raw counts whose shown series suppresses small
cells.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

COUNT = "count"  # events per week (reports, flagged texts)
SHARE = "share"  # a proportion between 0 and 1 (negative texts, people agreeing)
LEVEL = "level"  # an ordinal level (tension 1–5)
SCORE = "score"  # a mean score (sentiment −1…1)
UNITS = (COUNT, SHARE, LEVEL, SCORE)


@dataclass(frozen=True)
class Point:
    """One area's value in one week."""

    area: str  # area code
    week: datetime.date  # the Monday of the ISO week
    value: float | None
    count: int  # observations behind the value


@dataclass(frozen=True)
class Series:
    """A registered weekly series: a key (`incidents.reports`), a translatable label,
    its unit, and the provider that reads it."""

    key: str
    label: str
    unit: str
    provider: Callable[[datetime.date, datetime.date, Iterable[str] | None], Iterable[Point]]
    internal: bool = False  # for the early-warning rules only, never shown


_REGISTRY: dict[str, Series] = {}


def register(key, label, unit, provider, *, internal=False):
    """Register (or replace, so `ready()` may run twice in tests) the series `key`;
    `internal` keeps it out of `registered()` (see the module docstring)."""
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r} for series {key!r}")
    _REGISTRY[key] = Series(key, label, unit, provider, internal)


def get(key):
    """The series `key`; KeyError when no app registered it."""
    return _REGISTRY[key]


def registered(include_internal=False):
    """Every registered series that may be shown, by key (internal ones too when
    `include_internal`)."""
    return [
        _REGISTRY[key]
        for key in sorted(_REGISTRY)
        if include_internal or not _REGISTRY[key].internal
    ]


def week_start(day):
    """The Monday of the ISO week of `day` (a date or a datetime)."""
    if isinstance(day, datetime.datetime):
        day = day.date()
    return day - datetime.timedelta(days=day.weekday())


def weekly(key, since, until, areas=None):
    """`{area code: {week: Point}}` of the series `key` between two dates."""
    by_area = {}
    for point in get(key).provider(since, until, areas):
        by_area.setdefault(point.area, {})[point.week] = point
    return by_area
