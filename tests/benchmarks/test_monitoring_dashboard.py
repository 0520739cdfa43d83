"""The community sentiment dashboard for 50 areas × 104 weeks, over 1,000,000 analysed
texts and 100,000 pulse answers, against the plain aggregate queries behind it.

Data: 50 wards with boundaries under one city; 1,000,000 `insights.TextAnalysis` rows
generated in SQL (generate_series) over the 104 weeks and the 50 wards (one in 20
hidden, one in 7 not scored, one in 40 flagged); when the pulse app is installed,
52 city-wide waves (one every two weeks) with 100,000 answers over its standard
indicators, also generated in SQL.

Measured, best of three, with whatever series the installed sources register:
(a) the figures alone (`dashboard_figures`: one provider call per series), (b) the whole
page for city staff (map, table, small multiples: 50 × series × 104 weeks of SVG),
against (c) the very SQL the providers ran, captured and re-run as raw SQL through a
cursor (the plain GROUP BYs). Also the number of queries of the page at 5 areas × 8
weeks and at 50 areas × 104 weeks, which must be equal. Figures are printed, never
asserted on time.
"""

import datetime
import time

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engage.communities.models import Area
from engage.insights.models import TextAnalysis
from engage.monitoring import series
from engage.monitoring.alerts.dashboard import figures
from tests.benchmarks.conftest import best_of, report
from tests.factories import city_staff, with_totp

AREAS = 50
WEEKS = 104
TEXTS = 1_000_000
ANSWERS = 100_000
UNTIL = datetime.date(2026, 6, 17)


def square(west, south, size=0.01):
    east, north = west + size, south + size
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def make_areas():
    city = Area.objects.create(code="BENCH", name="Bench city")
    return [
        Area.objects.create(
            code=f"B{index:02d}",
            name=f"Ward {index:02d}",
            parent=city,
            boundary=square(-1.6 + (index % 10) * 0.01, 53.7 + (index // 10) * 0.01),
        )
        for index in range(AREAS)
    ]


def generate_texts(count):
    """`count` analysed texts spread over the wards and the 104 weeks up to UNTIL."""
    content_type = ContentType.objects.get_for_model(Area).pk
    table = TextAnalysis._meta.db_table
    end = datetime.datetime.combine(UNTIL, datetime.time(12), tzinfo=datetime.UTC)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {table} (content_type_id, object_id, kind, area, policy_area,
                content_created_at, content_visible, text_hash, language, sentiment,
                sentiment_backend, abuse_flagged, abuse_categories, abuse_mask,
                abuse_backend, analysed_at)
            SELECT %s, g, 'comment', 'B' || lpad((g %% {AREAS})::text, 2, '0'), 'p' || (g %% 5),
                %s - (g %% (({WEEKS} - 1) * 7)) * interval '1 day' - (g %% 600) * interval '1 minute',
                g %% 20 <> 0, '', 'en',
                CASE WHEN g %% 7 = 0 THEN NULL ELSE round(sin(g)::numeric, 4)::float END,
                'vader 3.3.2', g %% 40 = 0,
                CASE WHEN g %% 40 = 0 THEN '["threat"]'::jsonb ELSE '[]'::jsonb END,
                CASE WHEN g %% 40 = 0 THEN 4 ELSE 0 END, 'engage-rules 1', now()
            FROM generate_series(1, %s) AS g""",  # noqa: S608 - table name is ours
            [content_type, end, count],
        )
        cursor.execute(f"ANALYZE {table}")


def generate_pulse_answers(count, areas):
    """`count` answers to city-wide waves every two weeks; None without the pulse app."""
    if not apps.is_installed("engage.monitoring.pulse"):
        return None
    try:
        from engage.monitoring.pulse.indicators import INDICATORS
    except ImportError:
        return None
    wave_model = apps.get_model("monitoring_pulse", "Wave")
    response_model = apps.get_model("monitoring_pulse", "Response")
    answer_model = apps.get_model("monitoring_pulse", "Answer")
    waves = []
    for index in range(WEEKS // 2):
        ends_on = UNTIL - datetime.timedelta(weeks=2 * index)
        waves.append(
            wave_model.objects.create(
                title=f"Wave {index}",
                starts_on=ends_on - datetime.timedelta(days=6),
                ends_on=ends_on,
                languages=["en"],
                indicators=list(INDICATORS),
            )
        )
    responses = count // len(INDICATORS)
    wave_ids = [wave.pk for wave in waves]
    area_ids = [area.pk for area in areas]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {response_model._meta.db_table} (wave_id, channel, area_id, language,
                submitted_at)
            SELECT (%s::bigint[])[1 + g %% %s], 'paper', (%s::bigint[])[1 + g %% %s], 'en', now()
            FROM generate_series(1, %s) AS g""",  # noqa: S608 - table name is ours
            [wave_ids, len(wave_ids), area_ids, len(area_ids), responses],
        )
        for code, indicator in INDICATORS.items():
            values = indicator.scale.values
            cursor.execute(
                f"""INSERT INTO {answer_model._meta.db_table} (response_id, indicator, value)
                SELECT id, %s, (%s::text[])[1 + (id * 7 + length(%s)) %% %s]
                FROM {response_model._meta.db_table}""",  # noqa: S608 - table names are ours
                [code, values, code, len(values)],
            )
        cursor.execute(f"ANALYZE {response_model._meta.db_table}")
        cursor.execute(f"ANALYZE {answer_model._meta.db_table}")
    return answer_model.objects.count()


def run_raw(statements):
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            cursor.fetchall()


def page(client, weeks):
    response = client.get(
        reverse("monitoring_alerts:dashboard:index"),
        {"weeks": weeks, "until": UNTIL.isoformat()},
    )
    assert response.status_code == 200
    return response


@pytest.mark.postgres
@pytest.mark.django_db
def test_dashboard_against_the_plain_aggregate_queries(client):
    start = time.perf_counter()
    areas = make_areas()
    generate_texts(TEXTS)
    answers = generate_pulse_answers(ANSWERS, areas)
    generated = time.perf_counter() - start
    chosen = series.registered()
    assert chosen, "no monitoring source registered a series"
    weeks = figures.period_weeks(UNTIL, WEEKS)
    all_areas = list(Area.objects.order_by("name"))

    def ours():
        return figures.dashboard_figures(chosen, all_areas, weeks, all_areas=True)

    with CaptureQueriesContext(connection) as captured:
        result = ours()
    statements = [query["sql"] for query in captured.captured_queries]
    volume = result.cells_for("signals.volume") if result.column("signals.volume") else None
    if volume is not None:
        visible = TextAnalysis.objects.filter(content_visible=True).count()
        assert sum(cell.value or 0 for cell in volume.values()) == visible

    figures_time = best_of(ours, repeat=3)
    plain_time = best_of(lambda: run_raw(statements), repeat=3)

    staff = with_totp(city_staff())
    client.force_login(staff)
    page(client, 8)  # warm the session, the roles and the templates
    page_time = best_of(lambda: page(client, WEEKS), repeat=3)
    with CaptureQueriesContext(connection) as large:
        html = page(client, WEEKS).content.decode()
    assert html.count('class="map-area"') == AREAS

    # The same page for a city of 5 wards over 8 weeks: the same number of queries.
    Area.objects.filter(code__gte="B05").exclude(code="BENCH").delete()
    with CaptureQueriesContext(connection) as small:
        page(client, 8)
    assert len(small) == len(large)

    report(
        f"Community sentiment dashboard, {AREAS} areas × {WEEKS} weeks, {len(chosen)} series "
        f"({TEXTS:,} texts, "
        + (f"{answers:,} pulse answers" if answers is not None else "no pulse app: texts only")
        + f"; generated in {generated:.1f} s)",
        [
            ("plain aggregate queries (raw SQL)", f"{plain_time * 1000:.0f} ms"),
            (
                "figures (providers + cells)",
                f"{figures_time * 1000:.0f} ms: {figures_time / plain_time:.2f}×",
            ),
            (
                "whole page (map, table, sparklines)",
                f"{page_time * 1000:.0f} ms: {page_time / plain_time:.2f}×",
            ),
            ("provider queries", f"{len(statements)} (one call per series)"),
            ("page queries, 5 areas × 8 weeks", str(len(small))),
            ("page queries, 50 areas × 104 weeks", str(len(large))),
        ],
    )
