"""The maths of the early-warning rules: pure functions over weekly series.

`judge(kind, points, week, params, started)` says whether one scope's series departs
from its usual range in one week (a `Finding` with the evidence, or None);
`scan(...)` walks weeks in order applying the cooldown, as daily evaluations do. No
database here: the service (`engage.monitoring.alerts.evaluation`) reads the series and
stores alerts; the tests feed synthetic series.
"""

from .base import Finding, cooldown_allows, iso_week, param, trailing_weeks, weeks_to_judge
from .kinds import (
    COUNT_ABOVE_RANGE,
    DEFAULTS,
    JUDGES,
    NEGATIVITY,
    POLARISATION,
    PULSE_DROP,
    TENSION,
)

__all__ = [
    "COUNT_ABOVE_RANGE",
    "DEFAULTS",
    "JUDGES",
    "NEGATIVITY",
    "POLARISATION",
    "PULSE_DROP",
    "TENSION",
    "Finding",
    "cooldown_allows",
    "iso_week",
    "judge",
    "param",
    "scan",
    "trailing_weeks",
    "weeks_to_judge",
]


def judge(kind, points, week, params=None, started=None, context=None):
    """The `Finding` of rule kind `kind` for `week`, or None (see `kinds`). `context`:
    more of the scope's data a kind reads, by keyword (tension: `trends`)."""
    return JUDGES[kind](points, week, params or {}, started, **(context or {}))


def scan(kind, points, weeks, params=None, cooldown_days=0, started=None, alerted=(), context=None):
    """The findings of `kind` over `weeks` (in order), each week judged once and no
    two alerts closer than `cooldown_days` (also to the weeks in `alerted`)."""
    alerted = list(alerted)
    found = []
    for week in weeks:
        if not cooldown_allows(alerted, week, cooldown_days):
            continue
        finding = judge(kind, points, week, params, started, context)
        if finding is not None:
            alerted.append(week)
            found.append(finding)
    return found
