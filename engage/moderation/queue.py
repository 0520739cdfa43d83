"""Reads of the moderation queue shared by the admin and the API: filters, one page of
items with their content, and queue health for the dashboard.

A page costs a constant number of queries however long the queue is: the open items
(one indexed query, oldest first), a count, and one query per content kind for the
current status of the items on the page.
"""

import datetime
import statistics
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import QueueItem, QueueSource, ReportReason

# Age filters and dashboard buckets: (slug, label, lower bound, upper bound).
AGE_BUCKETS = (
    ("1h", _("Less than an hour"), None, datetime.timedelta(hours=1)),
    ("1d", _("1 to 24 hours"), datetime.timedelta(hours=1), datetime.timedelta(days=1)),
    ("7d", _("1 to 7 days"), datetime.timedelta(days=1), datetime.timedelta(days=7)),
    ("older", _("More than 7 days"), datetime.timedelta(days=7), None),
)
AGE_CHOICES = [(slug, label) for slug, label, _low, _high in AGE_BUCKETS]
SOURCE_CHOICES = [
    ("pre", _("Pre-moderated")),
    ("reported", _("Reported")),
    ("flagged", _("Flagged automatically")),
]


@dataclass
class QueueFilters:
    """What a moderator narrowed the queue to; empty strings mean "any"."""

    reason: str = ""
    source: str = ""
    age: str = ""
    scope: str = ""
    language: str = ""
    kind: str = ""

    @classmethod
    def from_query(cls, query):
        """Filters from GET parameters; unknown values are ignored, not errors."""
        values = {name: (query.get(name) or "").strip()[:60] for name in cls.__dataclass_fields__}
        if values["reason"] not in ReportReason.values:
            values["reason"] = ""
        if values["source"] not in dict(SOURCE_CHOICES):
            values["source"] = ""
        if values["age"] not in dict(AGE_CHOICES):
            values["age"] = ""
        if values["language"] not in dict(settings.LANGUAGES):
            values["language"] = ""
        return cls(**values)

    def apply(self, items, now=None):
        now = now or timezone.now()
        if self.reason:
            items = items.filter(report_reason=self.reason)
        if self.source == "pre":
            items = items.filter(source=QueueSource.PRE_MODERATION)
        elif self.source == "reported":
            items = items.filter(report_count__gt=0)
        elif self.source == "flagged":
            items = items.filter(source=QueueSource.FLAGGED)
        if self.age:
            _slug, _label, low, high = next(b for b in AGE_BUCKETS if b[0] == self.age)
            if low is not None:
                items = items.filter(opened_at__lte=now - low)
            if high is not None:
                items = items.filter(opened_at__gt=now - high)
        if self.scope:
            items = items.filter(scope=self.scope)
        if self.language:
            items = items.filter(language=self.language)
        if self.kind:
            items = items.filter(kind=self.kind)
        return items

    def as_query(self):
        from urllib.parse import urlencode

        return urlencode({key: value for key, value in self.__dict__.items() if value})


def open_queue(filters=None):
    """Open items, filtered, oldest first."""
    items = QueueItem.objects.open()
    if filters is not None:
        items = filters.apply(items)
    return items.select_related("author").oldest_first()


def attach_content(items):
    """Set `item.current` to the content of each item: one query per kind on the page."""
    by_type = {}
    for item in items:
        by_type.setdefault(item.content_type_id, []).append(item)
    from django.contrib.contenttypes.models import ContentType

    for content_type_id, group in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        found = model._default_manager.in_bulk([item.object_id for item in group])
        for item in group:
            item.current = found.get(item.object_id)
    return items


def queue_page(filters, page_number, per_page=None):
    """One page of the filtered open queue, content attached (a Django Page)."""
    paginator = Paginator(open_queue(filters), per_page or settings.MODERATION_QUEUE_PAGE_SIZE)
    page = paginator.get_page(page_number)
    attach_content(page.object_list)
    return page


def scope_choices():
    """Places with open items: (scope, title) pairs for the filter."""
    rows = (
        QueueItem.objects.open()
        .values("scope", "place_title")
        .annotate(n=Count("pk"))
        .order_by("place_title")[:200]
    )
    return [(row["scope"], row["place_title"] or row["scope"]) for row in rows]


def median_time_to_decision(days=30):
    """Median time from entering the queue to a decision, over the last `days` days;
    None when nothing was decided. PostgreSQL computes it; elsewhere Python does."""
    since = timezone.now() - datetime.timedelta(days=days)
    decided = QueueItem.objects.decided().filter(decided_at__gte=since)
    if connection.vendor == "postgresql":
        table = QueueItem._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT percentile_cont(0.5) WITHIN GROUP "  # noqa: S608 - table name is ours
                f"(ORDER BY EXTRACT(EPOCH FROM decided_at - opened_at)) FROM {table} "
                "WHERE decided_at IS NOT NULL AND decided_at >= %s",
                [since],
            )
            value = cursor.fetchone()[0]
        return None if value is None else datetime.timedelta(seconds=float(value))
    durations = [
        (row["decided_at"] - row["opened_at"]).total_seconds()
        for row in decided.values("decided_at", "opened_at")
    ]
    if not durations:
        return None
    return datetime.timedelta(seconds=statistics.median(durations))


def open_by_age(now=None):
    """Open items per age bucket: [(slug, label, count)], in one query."""
    now = now or timezone.now()
    aggregates = {}
    for slug, _label, low, high in AGE_BUCKETS:
        condition = Q()
        if low is not None:
            condition &= Q(opened_at__lte=now - low)
        if high is not None:
            condition &= Q(opened_at__gt=now - high)
        aggregates[slug] = Count("pk", filter=condition)
    counts = QueueItem.objects.open().aggregate(**aggregates)
    return [(slug, label, counts[slug]) for slug, label, _low, _high in AGE_BUCKETS]


def queue_health():
    """The dashboard's figures: median time to decision (30 days), open items by age,
    and open items by why they are there."""
    by_source = dict(
        QueueItem.objects.open().values_list("source").annotate(n=Count("pk")).order_by()
    )
    return {
        "median_time_to_decision": median_time_to_decision(),
        "open_by_age": open_by_age(),
        "open_total": sum(by_source.values()),
        "open_reported": QueueItem.objects.open().filter(report_count__gt=0).count(),
        "open_pre_moderated": by_source.get(QueueSource.PRE_MODERATION, 0),
        "decided_last_7_days": QueueItem.objects.decided()
        .filter(decided_at__gte=timezone.now() - datetime.timedelta(days=7))
        .count(),
        "oldest_open": QueueItem.objects.open()
        .order_by("opened_at")
        .values_list("opened_at", flat=True)
        .first(),
    }
