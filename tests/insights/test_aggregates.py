"""Text-signal aggregates: the report per scope and per day or week agrees with a plain
SQL GROUP BY and with the statistics computed from the raw scores; small cells are
suppressed; the cache is invalidated when a text of the scope changes."""

import datetime
import math
import random
import statistics

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from consultations.services import post_comment
from engage.insights.aggregates import SignalScope
from engage.insights.models import TextAnalysis, abuse_mask
from engage.insights.reports import compute_report, signals_report
from tests.insights.pipeline_support import (  # noqa: F401 - fixtures
    NEGATIVE,
    open_settings_fixture,
    riverside_fixture,
    writer_fixture,
)

pytestmark = pytest.mark.django_db

MONDAY = timezone.make_aware(datetime.datetime(2026, 3, 2, 12, 0))


def make_rows(scores, *, start=MONDAY, step_hours=7, first_id=1, **columns):
    """TextAnalysis rows with these scores (None: not scored), one every `step_hours`."""
    content_type = ContentType.objects.get(app_label="consultations", model="comment")
    now = timezone.now()
    rows = []
    for offset, score in enumerate(scores):
        values = {
            "kind": "comment",
            "content_created_at": start + datetime.timedelta(hours=step_hours * offset),
            "content_visible": True,
            "analysed_at": now,
            "sentiment": score,
            "sentiment_backend": "vader 3.3.2" if score is not None else "",
            "language": "en",
            "abuse_flagged": False,
        }
        values.update(columns)
        rows.append(TextAnalysis(content_type=content_type, object_id=first_id + offset, **values))
    return TextAnalysis.objects.bulk_create(rows)


def report(scope="city", interval="week", **kwargs):
    return compute_report(SignalScope.parse(scope), interval, **kwargs)


def test_periods_match_a_plain_sql_group_by(settings):
    settings.SMALL_CELL_THRESHOLD = 1
    rng = random.Random(13)
    make_rows([round(rng.uniform(-1, 1), 4) for _ in range(60)], consultation=7)
    make_rows([None] * 5, first_id=1000, consultation=7)  # analysed, not scored
    make_rows([0.5] * 4, first_id=2000, consultation=8)  # another consultation
    hidden = make_rows([-0.9] * 3, first_id=3000, consultation=7)
    TextAnalysis.objects.filter(pk__in=[row.pk for row in hidden]).update(content_visible=False)

    table = TextAnalysis._meta.db_table
    if connection.vendor == "postgresql":
        period = f"date_trunc('week', content_created_at AT TIME ZONE '{settings.TIME_ZONE}')::date"
    else:
        period = "date(content_created_at, 'weekday 0', '-6 days')"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {period} AS period, count(*), count(analysed_at), count(sentiment), "  # noqa: S608
            "avg(sentiment), sum(CASE WHEN sentiment < -0.05 THEN 1 ELSE 0 END) "
            f"FROM {table} WHERE content_visible AND consultation = 7 GROUP BY 1 ORDER BY 1"
        )
        expected = cursor.fetchall()

    periods = report("consultation:7")["periods"]
    assert len(periods) == len(expected) > 1
    for got, (start, volume, analysed, scored, mean, negative) in zip(
        periods, expected, strict=True
    ):
        assert got["start"] == str(start)[:10]
        assert (got["volume"], got["analysed"], got["scored"]) == (volume, analysed, scored)
        assert got["mean_sentiment"] == pytest.approx(mean, abs=1e-4)
        assert got["share_negative"] == pytest.approx(negative / scored, abs=1e-4)


def test_statistics_follow_from_the_scores(settings):
    settings.SMALL_CELL_THRESHOLD = 5
    rng = random.Random(7)
    scores = [round(rng.gauss(0.2, 0.3), 4) for _ in range(40)]
    scores = [max(-1.0, min(1.0, score)) for score in scores]
    make_rows(scores, step_hours=1, forum=3)  # all in one week
    total = report("forum:3")["total"]
    n = len(scores)
    mean = statistics.fmean(scores)
    margin = 2.0227 * statistics.stdev(scores) / math.sqrt(n)  # t(0.975, 39)
    assert total["mean_sentiment"] == pytest.approx(mean, abs=1e-4)
    assert total["ci95"][0] == pytest.approx(mean - margin, abs=2e-4)
    assert total["ci95"][1] == pytest.approx(mean + margin, abs=2e-4)
    assert total["share_negative"] == pytest.approx(sum(s < -0.05 for s in scores) / n, abs=1e-4)
    # Sarle's bimodality coefficient from the sample skewness and excess kurtosis.
    m = [sum((s - mean) ** k for s in scores) / n for k in (2, 3, 4)]
    g1, g2 = m[1] / m[0] ** 1.5, m[2] / m[0] ** 2 - 3
    skew = g1 * math.sqrt(n * (n - 1)) / (n - 2)
    kurt = ((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3))
    bc = (skew**2 + 1) / (kurt + 3 * (n - 1) ** 2 / ((n - 2) * (n - 3)))
    assert total["polarisation"] == pytest.approx(bc, abs=1e-3)


def test_polarisation_is_high_when_opinion_splits_and_low_when_it_agrees(settings):
    settings.SMALL_CELL_THRESHOLD = 5
    rng = random.Random(3)
    split = [rng.choice((-1, 1)) * rng.uniform(0.7, 0.95) for _ in range(50)]
    agree = [rng.gauss(0.3, 0.1) for _ in range(50)]
    make_rows(split, step_hours=1, area="SPLIT")
    make_rows(agree, step_hours=1, first_id=500, area="AGREE")
    polarised = report("area:SPLIT")["total"]
    consensual = report("area:AGREE")["total"]
    assert polarised["polarisation"] > 5 / 9 > consensual["polarisation"]
    assert polarised["share_strongly_negative"] > 0.3
    assert polarised["share_strongly_positive"] > 0.3
    assert consensual["share_strongly_negative"] == 0


def test_small_cells_have_no_sentiment_figures(settings):
    settings.SMALL_CELL_THRESHOLD = 10
    make_rows([-0.8, -0.7, 0.9], session=4)
    total = report("session:4")["total"]
    assert total["suppressed"] is True
    assert total["volume"] == 3 and total["scored"] == 3  # counts stay
    for figure in ("mean_sentiment", "ci95", "share_negative", "polarisation"):
        assert total[figure] is None


def test_abuse_flags_are_counted_by_category_and_unsupported_stays_apart(settings):
    make_rows([0.0] * 3, abuse_flagged=True, abuse_mask=abuse_mask(["threat"]), policy_area="x")
    make_rows(
        [0.0] * 2,
        first_id=10,
        abuse_flagged=True,
        abuse_mask=abuse_mask(["slur", "derogation"]),
        policy_area="x",
    )
    make_rows([None] * 4, first_id=20, abuse_flagged=None, language="so", policy_area="x")
    abuse = report("policy_area:x")["total"]["abuse"]
    assert abuse["flagged"] == 5
    assert abuse["checked"] == 5
    assert abuse["unsupported"] == 4
    assert abuse["by_category"] == {
        "derogation": 2,
        "dehumanisation": 0,
        "threat": 3,
        "slur": 2,
        "profanity": 0,
        "other": 0,
    }


def test_neutral_band_edges(settings):
    settings.SMALL_CELL_THRESHOLD = 1
    make_rows([-0.05, -0.0501, 0.05, 0.0], proposal=9)
    assert report("proposal:9")["total"]["share_negative"] == 0.25


def test_days_and_date_ranges(settings):
    settings.SMALL_CELL_THRESHOLD = 1
    midnight = MONDAY - datetime.timedelta(hours=12)
    make_rows([0.1] * 10, start=midnight, step_hours=12)  # two a day, Monday to Friday
    days = report(interval="day")["periods"]
    assert [period["volume"] for period in days] == [2, 2, 2, 2, 2]
    assert days[0]["start"] == "2026-03-02"
    since = MONDAY + datetime.timedelta(days=1) - datetime.timedelta(hours=12)
    until = since + datetime.timedelta(days=2)
    ranged = report(interval="day", since=since, until=until)
    assert ranged["total"]["volume"] == 4


def test_empty_scope_reports_zeroes():
    total = report("consultation:999")["total"]
    assert total["volume"] == 0 and total["share_analysed"] is None
    assert total["mean_sentiment"] is None


def test_cached_report_is_invalidated_when_a_text_of_the_scope_changes(
    riverside, writer, django_capture_on_commit_callbacks, settings
):
    settings.SMALL_CELL_THRESHOLD = 1
    cache.clear()
    scope = SignalScope.parse(f"consultation:{riverside.pk}")
    assert signals_report(scope)["total"]["volume"] == 0
    # Rows written behind the pipeline's back do not invalidate: the cached report stays.
    make_rows([0.4], first_id=900_000, consultation=riverside.pk)
    assert signals_report(scope)["total"]["volume"] == 0
    assert compute_report(scope)["total"]["volume"] == 1
    # A comment analysed by the pipeline bumps the scope's version after commit.
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(writer, riverside, NEGATIVE, language="en")
    assert signals_report(scope)["total"]["volume"] == 2
    assert signals_report(SignalScope.parse("area:E05000001"))["total"]["volume"] == 1


def test_scope_parsing():
    assert str(SignalScope.parse("policy_area:housing")) == "policy_area:housing"
    assert str(SignalScope.parse("city")) == "city"
    assert SignalScope.parse("area:E1").filter() is not None
    with pytest.raises(Exception, match="policy_area"):
        SignalScope.parse("policy_area:")
    with pytest.raises(Exception, match="is not a scope"):
        SignalScope.parse("galaxy:1")
