"""City matrix: 30 policy areas × 60 community groups with the assessments of 500
consultations (30,000 expected-impact rows), against the plain aggregate query that
averages the same rows in the same run. Perceived impact comes from an in-memory batch
provider (so the figure is the matrix's own cost, not a survey's).

The query count is pinned in tests/impact/test_matrix_data.py; here it is printed.
"""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engage.communities.models import Category, Dimension
from engage.impact.matrix import sources
from engage.impact.matrix.data import build_matrix
from engage.impact.models import ExpectedImpact, ImpactAssessment
from engage.policy.models import PolicyArea
from tests.benchmarks.conftest import best_of, report

AREAS = 30
DIMENSIONS = 4
GROUPS_PER_DIMENSION = 15  # 60 groups
CONSULTATIONS = 500

PLAIN = """
    SELECT a.policy_area_id, e.category_id, avg(e.impact), count(e.impact), count(*)
    FROM impact_expectedimpact e JOIN impact_impactassessment a ON a.id = e.assessment_id
    WHERE a.status IN ('in_review', 'signed_off', 'published') AND a.policy_area_id IS NOT NULL
    GROUP BY a.policy_area_id, e.category_id
"""


def build_city():
    rng = random.Random(16)
    areas = PolicyArea.objects.bulk_create(
        PolicyArea(
            name=f"Area {i}",
            slug=f"bench-area-{i}",
            risk_weight=rng.choice([None, 0, 1, 2, 3, 4, 5]),
        )
        for i in range(AREAS)
    )
    groups = []
    for d in range(DIMENSIONS):
        dimension = Dimension.objects.create(
            name=f"Dimension {d}", slug=f"bench-dim-{d}", sort_order=d
        )
        groups += Category.objects.bulk_create(
            Category(
                dimension=dimension, name=f"Group {d}.{g}", slug=f"bench-{d}-{g}", sort_order=g
            )
            for g in range(GROUPS_PER_DIMENSION)
        )
    assessments = ImpactAssessment.objects.bulk_create(
        ImpactAssessment(
            title=f"Consultation {c}",
            subject_scope=f"consultation:{c}",
            policy_area=areas[c % AREAS],
            status="published",
        )
        for c in range(CONSULTATIONS)
    )
    ExpectedImpact.objects.bulk_create(
        (
            ExpectedImpact(
                assessment=assessment,
                category=group,
                impact=rng.choice([None, -2, -1, 0, 1, 2]),
            )
            for assessment in assessments
            for group in groups
        ),
        batch_size=5000,
    )
    perceived = {
        (str(c), group.pk): (rng.choice([None, -1.5, -0.5, 0.0, 0.8]), rng.randint(0, 60))
        for c in range(0, CONSULTATIONS, 2)
        for group in groups
    }
    return perceived


def plain_aggregate():
    with connection.cursor() as cursor:
        cursor.execute(PLAIN)
        return cursor.fetchall()


@pytest.mark.django_db
def test_policy_matrix_against_the_plain_aggregate():
    perceived = build_city()
    sources.register_perceived_batch("consultation", lambda keys, dimension_ids: perceived)
    try:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE impact_expectedimpact; ANALYZE impact_impactassessment")
        matrix = build_matrix()
        assert len(matrix.cells) == AREAS * DIMENSIONS * GROUPS_PER_DIMENSION
        assert len(plain_aggregate()) == AREAS * DIMENSIONS * GROUPS_PER_DIMENSION
        with CaptureQueriesContext(connection) as captured:
            build_matrix()
        plain = best_of(plain_aggregate)
        full = best_of(build_matrix)
    finally:
        sources.unregister_perceived_batch("consultation")
    report(
        "City matrix: 30 policy areas × 60 groups, 500 consultations (30,000 rows)",
        [
            ("plain aggregate query", f"{plain * 1000:.1f} ms"),
            ("whole matrix", f"{full * 1000:.1f} ms"),
            ("matrix ÷ plain", f"{full / plain:.1f}×"),
            ("queries", str(len(captured))),
            ("scored cells", str(len(matrix.ranked()))),
        ],
    )
