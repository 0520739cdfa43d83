"""Representation report: a city-wide report over 100,000 participants with six
dimensions, against the plain SQL GROUP BY that counts the same rows, in the same run.

The data is generated inside PostgreSQL (INSERT ... SELECT generate_series), so the
set-up takes seconds. The report is timed uncached (`use_cache=False`) and cached.
"""

import pytest
from django.db import connection

from engage.communities.models import Area, BaselineShare, Category, Dimension
from engage.communities.representation import representation_report
from tests.benchmarks.conftest import best_of, report

PEOPLE = 100_000
DIMENSIONS = {  # slug: number of categories
    "ethnic_group": 5,
    "religion": 9,
    "age_band": 8,
    "sex": 2,
    "disability": 3,
    "language": 6,
}
CONSULTATIONS = 20


def build_city():
    area = Area.objects.create(code="BENCH", name="Bench City")
    for order, (slug, size) in enumerate(DIMENSIONS.items()):
        dimension = Dimension.objects.create(slug=slug, name=slug, sort_order=order)
        for position in range(size):
            category = Category.objects.create(
                dimension=dimension, slug=f"{slug}-{position}", name=f"{slug} {position}"
            )
            BaselineShare.objects.create(area=area, category=category, share=1 / size)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO accounts_user (password, is_superuser, is_staff, is_active,
                date_joined, email, display_name, preferred_language)
            SELECT '!', false, false, true, now(), 'bench' || g || '@example.org', '', ''
            FROM generate_series(1, %s) AS g
            """,
            [PEOPLE],
        )
        # Everyone took part in one consultation, a third in a second one as well.
        cursor.execute(
            """
            INSERT INTO communities_participation (user_id, scope_type, scope_id, area_id,
                actions, first_at, last_at)
            SELECT u.id, 'consultation', (u.id %% %s)::text, %s, 1, now(), now()
            FROM accounts_user u WHERE u.email LIKE 'bench%%'
            UNION ALL
            SELECT u.id, 'consultation', ((u.id + 1) %% %s)::text, %s, 1, now(), now()
            FROM accounts_user u WHERE u.email LIKE 'bench%%' AND u.id %% 3 = 0
            """,
            [CONSULTATIONS, area.pk, CONSULTATIONS, area.pk],
        )
        # 90% answer in each dimension (5% of those prefer not to say); categories
        # skewed (the product of two uniform numbers) so groups are unevenly represented.
        cursor.execute(
            """
            WITH cats AS (
                SELECT id, dimension_id,
                    row_number() OVER (PARTITION BY dimension_id ORDER BY id) - 1 AS idx,
                    count(*) OVER (PARTITION BY dimension_id) AS n
                FROM communities_category
            ), dims AS (
                SELECT d.id, d.slug, (SELECT count(*) FROM communities_category c
                                      WHERE c.dimension_id = d.id) AS n
                FROM communities_dimension d
            )
            INSERT INTO communities_declaration (user_id, dimension_id, category_id,
                declared_at)
            SELECT u.id, d.id,
                CASE WHEN abs(hashtext(u.id::text || d.slug || 'p')) %% 20 = 0
                     THEN NULL ELSE c.id END,
                now()
            FROM accounts_user u
            CROSS JOIN dims d
            JOIN cats c ON c.dimension_id = d.id AND c.idx = floor(
                d.n * (abs(hashtext(d.slug || u.id::text)) %% 1000 / 1000.0)
                    * (abs(hashtext(u.id::text || 'x')) %% 1000 / 1000.0))::int
            WHERE u.email LIKE %s
                AND abs(hashtext(u.id::text || d.slug || 'a')) %% 100 < 90
            """,
            ["bench%"],
        )
        cursor.execute("ANALYZE")
    return area


PLAIN_GROUP_BY = """
    SELECT d.dimension_id, d.category_id, count(*)
    FROM communities_declaration d
    WHERE d.user_id IN (SELECT p.user_id FROM communities_participation p)
    GROUP BY d.dimension_id, d.category_id
"""


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_city_wide_report_against_plain_group_by():
    build_city()

    def plain_group_by():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(DISTINCT user_id) FROM communities_participation")
            cursor.fetchall()
            cursor.execute(PLAIN_GROUP_BY)
            cursor.fetchall()

    def full_report():
        return representation_report("city", use_cache=False).publishable()

    def cached_report():
        return representation_report("city").publishable()

    baseline = best_of(plain_group_by)
    uncached = best_of(full_report)
    cached_report()
    cached = best_of(cached_report)
    result = representation_report("city", use_cache=False)
    report(
        f"representation report, city of {PEOPLE:,} participants, {len(DIMENSIONS)} dimensions",
        [
            ("plain SQL GROUP BY (baseline)", f"{baseline * 1000:.0f} ms"),
            ("representation_report, uncached", f"{uncached / baseline:.2f}x baseline time"),
            ("representation_report, cached", f"{cached / baseline:.3f}x baseline time"),
            ("uncached, absolute", f"{uncached * 1000:.0f} ms"),
        ],
    )
    assert result.participants == PEOPLE
    assert len(result.dimensions) == len(DIMENSIONS)
