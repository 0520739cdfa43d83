"""The text signals as weekly series per area, for the early-warning rules and the
dashboard (registered in `apps.MonitoringAlertsConfig.ready()`):

- `signals.volume` (COUNT): visible texts written in the week; `count` the same;
- `signals.abuse_flags` (COUNT): visible texts flagged as abusive; `count` the texts
  checked for abuse (a week with texts but no detector has a point with count 0);
- `signals.negative_share` (SHARE): the share of visible scored texts whose sentiment
  is below the neutral band (`sentiment < -NEUTRAL_BAND`); `count` the texts scored, and
  no value when none was.

Each series is one SQL `GROUP BY area, week` over `insights.TextAnalysis` (the area
partial index), never a loop over areas. Only rows with an area count.
"""

import datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.insights.conf import NEUTRAL_BAND
from engage.insights.models import TextAnalysis
from engage.monitoring import series

VOLUME = "signals.volume"
ABUSE_FLAGS = "signals.abuse_flags"
NEGATIVE_SHARE = "signals.negative_share"


def day_bounds(since, until):
    """Aware datetimes for [since 00:00, until + 1 day 00:00) in the current zone."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(since, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(until + datetime.timedelta(days=1), datetime.time.min)
    return start, end.replace(tzinfo=zone)


def _grouped(since, until, areas, **aggregates):
    """Rows {area, week, **aggregates} of visible texts with an area, one GROUP BY."""
    start, end = day_bounds(since, until)
    rows = TextAnalysis.objects.filter(
        content_visible=True,
        area__isnull=False,
        content_created_at__gte=start,
        content_created_at__lt=end,
    )
    if areas is not None:
        rows = rows.filter(area__in=list(areas))
    week = TruncWeek("content_created_at", tzinfo=timezone.get_current_timezone())
    return (
        rows.annotate(week=week)
        .values("area", "week")
        .annotate(**aggregates)
        .order_by("area", "week")
    )


def _week(value):
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return series.week_start(value)


def volume(since, until, areas=None):
    """Texts written per area and week."""
    for row in _grouped(since, until, areas, texts=Count("content_created_at")):
        yield series.Point(row["area"], _week(row["week"]), float(row["texts"]), row["texts"])


def abuse_flags(since, until, areas=None):
    """Texts flagged as abusive per area and week (count: texts checked)."""
    grouped = _grouped(
        since,
        until,
        areas,
        checked=Count("abuse_flagged"),
        flagged=Count("content_created_at", filter=Q(abuse_flagged=True)),
    )
    for row in grouped:
        yield series.Point(row["area"], _week(row["week"]), float(row["flagged"]), row["checked"])


def negative_share(since, until, areas=None):
    """Share of scored texts below the neutral band per area and week (count: scored)."""
    grouped = _grouped(
        since,
        until,
        areas,
        scored=Count("sentiment"),
        negative=Count("content_created_at", filter=Q(sentiment__lt=-NEUTRAL_BAND)),
    )
    for row in grouped:
        scored = row["scored"]
        value = row["negative"] / scored if scored else None
        yield series.Point(row["area"], _week(row["week"]), value, scored)


def register():
    """Register the three text-signal series (called from `ready()`)."""
    series.register(VOLUME, _("Texts written"), series.COUNT, volume)
    series.register(ABUSE_FLAGS, _("Texts flagged as abusive"), series.COUNT, abuse_flags)
    series.register(
        NEGATIVE_SHARE, _("Share of texts with negative sentiment"), series.SHARE, negative_share
    )
