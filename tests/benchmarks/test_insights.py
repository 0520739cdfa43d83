"""Text signals: texts analysed per second by the worker against calling the analysis
directly, and the aggregates over 1,000,000 analysed texts against a plain SQL GROUP BY.

Worker: the same English comments are analysed (a) by `analyse_text` alone, (b) through
the task on the immediate backend (load the comment, analyse, upsert the row, cache
bump), and (c) enqueued on the database backend and run by `db_worker`; the ratios (b)/(a)
and (c)/(a) are the pipeline's overhead. Aggregates: 1,000,000 rows generated in SQL
(generate_series), then `compute_report` per week for the city and for one consultation
(10,000 rows) against `SELECT date_trunc('week', …), count(*), avg(sentiment) … GROUP BY 1`
over the same rows, best of five each; goal: ≤ 2. Figures are printed, never asserted.
"""

import time

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from consultations.models import Comment, ModerationMode
from engage.insights.aggregates import SignalScope
from engage.insights.analysis import analyse_text
from engage.insights.models import TextAnalysis
from engage.insights.reports import compute_report
from engage.insights.tasks import analyse_content
from tests.benchmarks.conftest import best_of, report
from tests.factories import UserFactory, build_consultation

TEXTS = 300
ROWS = 1_000_000
SENTENCES = [
    "I love the new riverside park, the benches are great!",
    "The crossing is dangerous and nobody listened to us.",
    "Could the library stay open later on Thursdays?",
    "This is a terrible waste of money. Absolutely NOT acceptable!!!",
    "Thanks to everyone who came to the meeting, it was really helpful.",
]


def comments(consultation, count):
    author = UserFactory()
    now = timezone.now()
    return Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            author=author,
            body_text=f"{SENTENCES[n % len(SENTENCES)]} ({n})",
            body_html="<p>…</p>",
            language="en",
            status="published",
            created_at=now,
        )
        for n in range(count)
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_throughput_against_direct_analysis(consultation_index):
    consultation = build_consultation(
        consultation_index, slug="bench", moderation_mode=ModerationMode.POST
    )
    items = comments(consultation, TEXTS)
    texts = [item.body_text for item in items]
    analyse_text(texts[0], "en")  # warm up the lexicons

    start = time.perf_counter()
    for text in texts:
        analyse_text(text, "en")
    direct = TEXTS / (time.perf_counter() - start)

    start = time.perf_counter()
    for item in items:
        analyse_content.enqueue("comment", item.pk)
    immediate = TEXTS / (time.perf_counter() - start)
    assert TextAnalysis.objects.count() == TEXTS

    TextAnalysis.objects.all().delete()
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        for item in items:
            analyse_content.enqueue("comment", item.pk)
        start = time.perf_counter()
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        worker = TEXTS / (time.perf_counter() - start)
    assert TextAnalysis.objects.filter(analysed_at__isnull=False).count() == TEXTS

    start = time.perf_counter()
    call_command("analyse_texts", "--kind", "comment", verbosity=0)
    bulk = TEXTS / (time.perf_counter() - start)

    report(
        f"Text analysis throughput ({TEXTS} English comments)",
        [
            ("analyse_text directly", f"{direct:.0f} texts/s"),
            ("task, immediate backend", f"{immediate:.0f} texts/s ({immediate / direct:.2f}×)"),
            ("task, db_worker", f"{worker:.0f} texts/s ({worker / direct:.2f}×)"),
            ("analyse_texts (batches of 200)", f"{bulk:.0f} texts/s ({bulk / direct:.2f}×)"),
        ],
    )


def generate_rows(count):
    """`count` analysed rows in SQL: 100 consultations, 10 areas, 5 policy areas, a year
    of dates, one in 20 hidden, one in 7 not scored, one in 50 flagged (threat)."""
    content_type = ContentType.objects.get_for_model(Comment).pk
    table = TextAnalysis._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {table} (content_type_id, object_id, kind, consultation, area,
                policy_area, content_created_at, content_visible, text_hash, language,
                sentiment, sentiment_backend, abuse_flagged, abuse_categories, abuse_mask,
                abuse_backend, analysed_at)
            SELECT %s, g, 'comment', g %% 100, 'A' || (g %% 10), 'p' || (g %% 5),
                now() - (g %% 365) * interval '1 day' - (g %% 1440) * interval '1 minute',
                g %% 20 <> 0, '', 'en',
                CASE WHEN g %% 7 = 0 THEN NULL ELSE round(sin(g)::numeric, 4)::float END,
                'vader 3.3.2', g %% 50 = 0,
                CASE WHEN g %% 50 = 0 THEN '["threat"]'::jsonb ELSE '[]'::jsonb END,
                CASE WHEN g %% 50 = 0 THEN 4 ELSE 0 END, 'engage-rules 1', now()
            FROM generate_series(1, %s) AS g""",  # noqa: S608 - table name is ours
            [content_type, count],
        )
        cursor.execute(f"ANALYZE {table}")


def plain_group_by(where, params):
    table = TextAnalysis._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT date_trunc('week', content_created_at AT TIME ZONE %s), count(*), "  # noqa: S608
            f"avg(sentiment) FROM {table} WHERE content_visible {where} GROUP BY 1",
            [settings.TIME_ZONE, *params],
        )
        return cursor.fetchall()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_aggregates_over_a_million_rows_against_a_plain_group_by():
    start = time.perf_counter()
    generate_rows(ROWS)
    generated = time.perf_counter() - start
    rows = []
    for label, scope, where, params in (
        ("city (950,000 visible rows)", "city", "", []),
        ("one consultation (9,500 rows)", "consultation:42", "AND consultation = %s", [42]),
    ):
        parsed = SignalScope.parse(scope)
        ours = best_of(lambda parsed=parsed: compute_report(parsed, "week"))
        plain = best_of(lambda where=where, params=params: plain_group_by(where, params))
        result = compute_report(parsed, "week")
        assert sum(period["volume"] for period in result["periods"]) == sum(
            row[1] for row in plain_group_by(where, params)
        )
        rows.append(
            (
                label,
                f"{ours * 1000:.0f} ms vs {plain * 1000:.0f} ms: {ours / plain:.2f}× (goal ≤ 2)",
            )
        )
    report(f"Text-signal aggregates over {ROWS:,} rows (generated in {generated:.1f} s)", rows)
