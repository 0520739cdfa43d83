"""Fixtures for the community sentiment dashboard.

`test_series` swaps the weekly-series registry for three series of the tests' own, so
the dashboard's figures are known exactly and do not depend on which monitoring
sources exist: a COUNT series read with one SQL query over `insights.TextAnalysis`
(like the real text signals), a SHARE series from a table in memory that supports the
policy-area filter, and a LEVEL series (tension-like) that supports no filter. Each
provider records its calls in `calls`.

`wards` builds a city with three wards that have square boundaries, one ward without a
boundary, and the city itself (whose boundary encloses the wards, so it is not drawn).
"""

import datetime
from collections import defaultdict

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.utils import timezone

from engage.communities.models import Area
from engage.insights.models import TextAnalysis
from engage.monitoring import series
from tests import factories

TODAY = datetime.date(2026, 6, 17)  # a Wednesday
THIS_WEEK = series.week_start(TODAY)
TEXTS = "test.texts"
AGREE = "test.agree"
TENSION = "test.tension"


def square(west, south, size=0.01):
    east, north = west + size, south + size
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def calls():
    return defaultdict(list)


def weeks_ago(count):
    return THIS_WEEK - datetime.timedelta(weeks=count)


# Agreement shares: (area code, weeks ago) -> (value, count); the policy area "housing"
# has its own table.
AGREE_ROWS = {
    "": {("W1", 0): (0.5, 40), ("W1", 1): (0.7, 60), ("W2", 0): (None, 4), ("W3", 2): (0.9, 30)},
    "housing": {("W1", 0): (0.25, 20)},
}
TENSION_ROWS = {("W1", 1): 2.0, ("W1", 0): 3.0, ("W2", 0): 1.0, ("CITY", 0): 2.0}


@pytest.fixture
def test_series(calls):
    saved = dict(series._REGISTRY)
    series._REGISTRY.clear()

    def texts(since, until, areas):
        calls[TEXTS].append((since, until, None if areas is None else sorted(areas)))
        rows = TextAnalysis.objects.filter(
            content_visible=True,
            area__isnull=False,
            content_created_at__date__gte=since,
            content_created_at__date__lte=until,
        )
        if areas is not None:
            rows = rows.filter(area__in=list(areas))
        grouped = (
            rows.annotate(week=TruncWeek("content_created_at"))
            .values("area", "week")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in grouped:
            week = timezone.localtime(row["week"]).date()
            yield series.Point(row["area"], week, float(row["n"]), row["n"])

    def agree(since, until, areas, policy_area=""):
        calls[AGREE].append((since, until, areas, policy_area))
        for (code, ago), (value, count) in AGREE_ROWS[policy_area].items():
            week = weeks_ago(ago)
            if since <= week <= until and (areas is None or code in areas):
                yield series.Point(code, week, value, count)

    agree.filters = {"policy_area"}

    def tension(since, until, areas):
        calls[TENSION].append((since, until, areas))
        for (code, ago), level in TENSION_ROWS.items():
            week = weeks_ago(ago)
            if since <= week <= until and (areas is None or code in areas):
                yield series.Point(code, week, level, 1)

    series.register(TEXTS, "Texts written", series.COUNT, texts)
    series.register(AGREE, "People agreeing they get on well", series.SHARE, agree)
    series.register(TENSION, "Tension level", series.LEVEL, tension)
    yield series
    series._REGISTRY.clear()
    series._REGISTRY.update(saved)


@pytest.fixture
def wards(db):
    """The city (CITY) and its wards W1..W3 with boundaries and W4 without."""
    city = Area.objects.create(code="CITY", name="Northbridge", boundary=square(-1.6, 53.7, 0.05))
    made = {"CITY": city}
    for index, code in enumerate(("W1", "W2", "W3")):
        made[code] = Area.objects.create(
            code=code,
            name=f"Ward {code[1]}",
            parent=city,
            boundary=square(-1.6 + index * 0.01, 53.7),
        )
    made["W4"] = Area.objects.create(code="W4", name="Ward 4 (no map)", parent=city)
    return made


def add_texts(per_area_week):
    """Insert TextAnalysis rows: {(area code, weeks ago): count}."""
    content_type = ContentType.objects.get_for_model(Area)
    rows = []
    object_id = (
        TextAnalysis.objects.order_by("-object_id").values_list("object_id", flat=True).first() or 0
    )
    for (code, ago), count in per_area_week.items():
        written = datetime.datetime.combine(
            weeks_ago(ago) + datetime.timedelta(days=2),
            datetime.time(12),
            tzinfo=timezone.get_current_timezone(),
        )
        for _n in range(count):
            object_id += 1
            rows.append(
                TextAnalysis(
                    content_type=content_type,
                    object_id=object_id,
                    kind="comment",
                    area=code,
                    content_created_at=written,
                    content_visible=True,
                )
            )
    TextAnalysis.objects.bulk_create(rows)


@pytest.fixture
def staff(db):
    return factories.with_totp(factories.city_staff())


@pytest.fixture
def today(monkeypatch):
    """Pin "today" for the dashboard's default period."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY
