"""Weekly series of pulse indicators for `engage.monitoring.series`: `pulse.<code>`.

A wave's answers count in the ISO week of its last day. Each ward with answers gets a
point (the share answering positively among substantive answers; `count` = that base);
a city-wide wave (no areas chosen) also gives the city area a point from all its
answers. Shares behind fewer answers than SMALL_CELL_THRESHOLD are given as None (with
their count), so no page shows a share of a handful of people.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Count

from engage.communities.representation import city_area
from engage.monitoring import series

from .indicators import DONT_KNOW, INDICATORS
from .models import Answer, Wave


def _points(code, since, until, areas):
    indicator = INDICATORS[code]
    waves = {
        wave.pk: wave
        for wave in Wave.objects.filter(ends_on__gte=since, ends_on__lte=until).prefetch_related(
            "areas"
        )
    }
    if not waves:
        return []
    rows = (
        Answer.objects.filter(response__wave__in=list(waves), indicator=code, question__isnull=True)
        .exclude(value=DONT_KNOW)
        .values("response__wave_id", "response__area__code", "value")
        .annotate(n=Count("id"))
        .order_by()
    )
    city = city_area()
    cells = defaultdict(lambda: [0, 0])  # (area code, week) -> [positive, base]
    for row in rows:
        if row["value"] not in indicator.scale.values:
            continue
        wave = waves[row["response__wave_id"]]
        week = series.week_start(wave.ends_on)
        positive = row["value"] in indicator.scale.positive
        targets = [row["response__area__code"]]
        if city is not None and not wave.areas.all():
            targets.append(city.code)
        for area in targets:
            if area is None or (areas is not None and area not in areas):
                continue
            cells[area, week][0] += row["n"] * positive
            cells[area, week][1] += row["n"]
    limit = settings.SMALL_CELL_THRESHOLD
    return [
        series.Point(area, week, positive / base if base >= limit else None, base)
        for (area, week), (positive, base) in sorted(cells.items())
    ]


def provider_for(code):
    """The series provider of one indicator."""

    def provider(since, until, areas=None):
        return _points(code, since, until, None if areas is None else set(areas))

    provider.__doc__ = f"Weekly share answering positively to pulse indicator {code}."
    return provider


def register_series():
    """Register `pulse.<code>` for every standard indicator (from `AppConfig.ready()`)."""
    for code, indicator in INDICATORS.items():
        series.register(f"pulse.{code}", indicator.name, series.SHARE, provider_for(code))
