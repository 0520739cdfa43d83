"""Moderation queue with 50,000 open items: the first page with filters, against a plain
indexed SELECT of the same rows, and queries per request as the queue grows.

Baseline: one raw SELECT of the same 50 rows (same WHERE, ORDER BY, LIMIT) on the same
indexes, measured in the same run. Through the stack: `queue.queue_page()` (filter,
count, page, content attached), the API (`GET /api/v1/moderation/queue/`) and the admin
page, each timed as best of five. Queries per request are counted at 1,000 and 50,000
items: they must not grow with the queue (asserted; times are only printed).
"""

import datetime
import random

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.models import Comment, ModerationMode
from engage.moderation import queue
from engage.moderation.models import QueueItem, QueueSource, ReportReason
from tests.benchmarks.conftest import best_of, report
from tests.factories import UserFactory, build_consultation, moderator, with_totp

ITEMS = 50_000
SMALL = 1_000
FILTERS = {"reason": "spam", "language": "fr"}
LANGUAGES = ["en", "fr", "ar", "ur", "pl"]


def fill(consultation, authors, count, start):
    """`count` comments with open queue items, bulk-inserted (not through services)."""
    rng = random.Random(start)
    now = timezone.now()
    comments = Comment.objects.bulk_create(
        [
            Comment(
                consultation=consultation,
                author=rng.choice(authors),
                body_text=f"Comment {start + n}",
                body_html=f"<p>Comment {start + n}</p>",
                language=rng.choice(LANGUAGES),
                status="published",
                created_at=now - datetime.timedelta(minutes=start + n),
            )
            for n in range(count)
        ],
        batch_size=5000,
    )
    content_type = ContentType.objects.get_for_model(Comment)
    reasons = ReportReason.values
    QueueItem.objects.bulk_create(
        [
            QueueItem(
                content_type=content_type,
                object_id=comment.pk,
                kind="comment",
                scope=f"consultation:{consultation.pk}",
                place_title=consultation.title,
                language=comment.language,
                author=comment.author,
                excerpt=comment.body_text,
                source=QueueSource.REPORTED,
                report_reason=rng.choice(reasons),
                report_count=rng.randint(1, 3),
                content_created_at=comment.created_at,
                opened_at=comment.created_at,
            )
            for comment in comments
        ],
        batch_size=5000,
    )


def plain_select():
    table = QueueItem._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT * FROM {table} WHERE decided_at IS NULL AND report_reason = %s "  # noqa: S608
            "AND language = %s ORDER BY opened_at, id LIMIT 50",
            [FILTERS["reason"], FILTERS["language"]],
        )
        return cursor.fetchall()


def queries_for(client, url):
    """The queries of a request with warm caches: the first request fills the shared
    cache (the reader's roles, engage.accounts.role_cache, kept 60 s), so counting a
    cold request after filling the queue for less than a minute compared a cold count
    with a warm one."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(captured)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_moderation_queue_first_page_with_filters(consultation_index):
    consultation = build_consultation(
        consultation_index, slug="bench", moderation_mode=ModerationMode.POST
    )
    authors = [UserFactory() for _ in range(20)]
    mod = with_totp(moderator())
    client = Client()
    client.force_login(mod)
    api_url = "/api/v1/moderation/queue/?reason=spam&language=fr&page_size=50"
    admin_url = "/admin/moderation/?reason=spam&language=fr"

    fill(consultation, authors, SMALL, 0)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {QueueItem._meta.db_table}")
    small_api, small_admin = queries_for(client, api_url), queries_for(client, admin_url)

    fill(consultation, authors, ITEMS - SMALL, SMALL)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {QueueItem._meta.db_table}")
    large_api, large_admin = queries_for(client, api_url), queries_for(client, admin_url)

    filters = queue.QueueFilters.from_query(FILTERS)
    rows = plain_select()
    page = queue.queue_page(filters, 1, per_page=50)
    assert [item.pk for item in page.object_list] == [row[0] for row in rows]

    baseline = best_of(plain_select)
    page_only = best_of(lambda: list(queue.open_queue(filters)[:50]))
    full_page = best_of(lambda: queue.queue_page(filters, 1, per_page=50))
    api = best_of(lambda: client.get(api_url))
    admin = best_of(lambda: client.get(admin_url))
    report(
        f"moderation queue, {ITEMS:,} open items, filters reason=spam & language=fr",
        [
            ("plain indexed SELECT, 50 rows (baseline)", f"{baseline * 1000:.2f} ms"),
            ("open_queue()[:50] (ORM, same rows)", f"{page_only / baseline:.1f}x baseline"),
            ("queue_page(): + count + content", f"{full_page / baseline:.1f}x baseline"),
            ("GET /api/v1/moderation/queue/", f"{api / baseline:.1f}x baseline"),
            ("GET /admin/moderation/ (HTML)", f"{admin / baseline:.1f}x baseline"),
            ("queries per API request, 1k / 50k", f"{small_api} / {large_api}"),
            ("queries per admin request, 1k / 50k", f"{small_admin} / {large_admin}"),
        ],
    )
    assert large_api == small_api
    assert large_admin == small_admin
