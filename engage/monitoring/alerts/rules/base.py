"""What every rule kind shares: findings, parameters, the weeks judged and cooldown."""

import datetime
from dataclasses import dataclass, field

WEEK = datetime.timedelta(days=7)


@dataclass(frozen=True)
class Finding:
    """A departure found in one scope's series in one week.

    `week` is the Monday of the week judged (the alert's period); `compared` the first
    and last Monday of the weeks it was compared with (None when it was compared with a
    fixed threshold); `figures` the evidence, by name (the explanation's placeholders).
    """

    week: datetime.date
    figures: dict = field(default_factory=dict)
    compared: tuple | None = None


def param(params, name, default):
    """`params[name]` as the type of `default` (rule parameters are JSON from the admin)."""
    value = (params or {}).get(name, default)
    if value is None or value == "":
        return default
    return type(default)(value)


def trailing_weeks(week, count):
    """The `count` Mondays before `week`, oldest first."""
    return [week - WEEK * offset for offset in range(count, 0, -1)]


def weeks_to_judge(as_of, recent_weeks=2):
    """The Mondays a daily evaluation on `as_of` judges, oldest first: the week of
    `as_of` (data up to that day) and the `recent_weeks - 1` weeks before it, so a
    departure late in a week is still caught on the Monday after."""
    monday = as_of - datetime.timedelta(days=as_of.weekday())
    return [monday - WEEK * offset for offset in range(max(recent_weeks, 1) - 1, -1, -1)]


def cooldown_allows(alerted_weeks, week, cooldown_days):
    """Whether a new alert for `week` may be raised when the same rule already alerted
    the same scope for `alerted_weeks`. The same week is never alerted twice (the
    de-duplication); another week only when it is at least `cooldown_days` away from
    every alerted week (either side, so evaluating an earlier `--as-of` later agrees)."""
    gap = max(cooldown_days, 1)
    return all(abs((week - alerted).days) >= gap for alerted in alerted_weeks)


def iso_week(week):
    """`2026-W48`: how periods are written in alerts and the command's output."""
    year, number, _day = week.isocalendar()
    return f"{year}-W{number:02d}"
