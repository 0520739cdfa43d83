"""Synthetic weekly series for the rule tests."""

import datetime

from engage.monitoring.series import Point

START = datetime.date(2026, 1, 5)  # a Monday
WEEK = datetime.timedelta(days=7)


def week(index):
    return START + WEEK * index


def points(values, counts=100, area="E05000001", skip=()):
    """{Monday: Point} with `values[i]` in week i (None: no point that week); `counts`
    is one number or a list."""
    result = {}
    for index, value in enumerate(values):
        if value is None or index in skip:
            continue
        count = counts[index] if isinstance(counts, list) else counts
        result[week(index)] = Point(area, week(index), value, count)
    return result


def weeks(n):
    return [week(index) for index in range(n)]
