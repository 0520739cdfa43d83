"""Building the whole city matrix from the database (engage/impact/matrix/data.py)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engage.impact.matrix import sources
from engage.impact.matrix.data import Filters, build_matrix
from engage.monitoring import series
from tests.impact.matrix_fixtures import assessment, city

pytestmark = pytest.mark.django_db


@pytest.fixture
def perceived():
    """A fake batch provider of perceived impact for "consultation" subjects."""
    answers = {}

    def provider(keys, dimension_ids):
        return {key: value for key, value in answers.items() if key[0] in keys}

    sources.register_perceived_batch("consultation", provider)
    yield answers
    sources.unregister_perceived_batch("consultation")


@pytest.fixture
def tension(settings):
    """A fake tension series read by the matrix instead of the real one."""
    points = []
    series.register(
        "test.tension",
        "Tension",
        series.LEVEL,
        lambda since, until, areas: [
            point for point in points if areas is None or point.area in areas
        ],
    )
    settings.IMPACT_MATRIX_SIGNAL_SERIES = {"tension": "test.tension"}
    yield points
    series._REGISTRY.pop("test.tension", None)


def test_cells_average_the_expected_impacts_of_the_areas_assessments():
    areas, _dimension, groups = city()
    assessment(areas["housing"], {groups["young"]: -2, groups["older"]: 1})
    assessment(areas["housing"], {groups["young"]: -1, groups["older"]: None})
    assessment(areas["housing"], {groups["young"]: None, groups["older"]: 2}, status="in_review")
    assessment(areas["housing"], {groups["young"]: 2, groups["older"]: -2}, status="draft")
    matrix = build_matrix()
    young = matrix.cell(areas["housing"], groups["young"])
    assert young.inputs.expected_mean == -1.5
    assert (young.inputs.expected_known, young.inputs.expected_unknown) == (2, 1)
    assert young.assessments == 3
    assert young.score == 53.3  # the worked example without perceived impact or signals
    older = matrix.cell(areas["housing"], groups["older"])
    assert older.inputs.expected_mean == 1.5  # the draft is left out
    assert (older.inputs.expected_known, older.inputs.expected_unknown) == (2, 1)


def test_missing_inputs_stay_missing():
    areas, _dimension, groups = city()
    assessment(areas["policing"], {groups["young"]: -2})
    matrix = build_matrix()
    policing = matrix.cell(areas["policing"], groups["young"])
    assert policing.score is None  # no risk weight
    parks = matrix.cell(areas["parks"], groups["older"])
    assert parks.inputs.expected_mean is None and parks.score is None
    assert parks.assessments == 0
    assert "expected impact: missing" in parks.result.reason_text()
    assert [cell.score for cell in matrix.ranked()] == []


def test_the_ranking_puts_the_highest_scores_first_with_their_reasons():
    areas, _dimension, groups = city()
    assessment(areas["housing"], {groups["young"]: -1, groups["older"]: -2})
    assessment(areas["parks"], {groups["young"]: -2, groups["older"]: 0})
    ranked = build_matrix().ranked()
    assert [(cell.policy_area.slug, cell.group.slug) for cell in ranked] == [
        ("housing", "older"),
        ("housing", "young"),
        ("parks", "young"),
        ("parks", "older"),
    ]
    # e.g. 100 × 4/5 × (0.4 × 1 + 0.1 × 0) / 0.5 = 64: every row known, no unknown share
    assert [cell.score for cell in ranked] == [64.0, 32.0, 16.0, 0.0]
    assert (
        ranked[0]
        .result.reason_text()
        .startswith("expected impact: -2.00 on average over 1 row; policy area's risk weight: 4/5")
    )


def test_perceived_impact_comes_from_the_batch_provider_weighted_by_respondents(perceived):
    areas, _dimension, groups = city()
    assessment(areas["housing"], {groups["young"]: -2}, scope="consultation:7")
    assessment(areas["housing"], {groups["young"]: -2}, scope="consultation:8")
    assessment(areas["parks"], {groups["young"]: 0}, scope="consultation:9")
    perceived[("7", groups["young"].pk)] = (-1.0, 30)
    perceived[("8", groups["young"].pk)] = (1.0, 10)
    perceived[("8", groups["older"].pk)] = (None, 3)  # withheld: stays missing
    matrix = build_matrix()
    young = matrix.cell(areas["housing"], groups["young"])
    assert young.inputs.perceived_mean == -0.5  # (−1 × 30 + 1 × 10) / 40
    assert young.inputs.perceived_respondents == 40
    assert matrix.cell(areas["housing"], groups["older"]).inputs.perceived_mean is None
    assert matrix.cell(areas["parks"], groups["young"]).inputs.perceived_mean is None


def test_signals_are_the_mean_of_the_periods_points_in_the_chosen_area(tension):
    areas, _dimension, groups = city()
    assessment(areas["housing"], {groups["young"]: -2})
    monday = datetime.date(2026, 11, 2)
    tension += [
        series.Point("north", monday, 4.0, 5),
        series.Point("south", monday, 2.0, 5),
        series.Point("south", monday, None, 1),  # withheld
    ]
    assert build_matrix().signals["tension"] == 3.0
    assert build_matrix(Filters(area="north")).signals["tension"] == 4.0
    cell = build_matrix(Filters(area="north")).cell(areas["housing"], groups["young"])
    assert cell.inputs.tension == 4.0
    assert cell.score == 88.0  # 100 × 4/5 × 0.8 × (1 + 0.5 × 0.75)


def test_an_unregistered_signal_series_is_missing(settings):
    settings.IMPACT_MATRIX_SIGNAL_SERIES = {"tension": "no.such.series"}
    city()
    assert build_matrix().signals == {"tension": None}


def test_filters_by_dimension_and_period():
    areas, _dimension, groups = city()
    from engage.communities.models import Category, Dimension

    faith = Dimension.objects.create(name="Faith", slug="faith")
    other = Category.objects.create(dimension=faith, name="None", slug="none")
    old = assessment(areas["housing"], {groups["young"]: -2, other: -2})
    old.created_at = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    old.save()
    assessment(areas["housing"], {groups["young"]: 2})
    assert len(build_matrix().groups) == 3
    only_age = build_matrix(Filters(dimension="age"))
    assert [group.slug for group in only_age.groups] == ["young", "older"]
    assert only_age.cell(areas["housing"], groups["young"]).inputs.expected_mean == 0.0
    recent = build_matrix(Filters(since=datetime.date(2026, 1, 1)))
    assert recent.cell(areas["housing"], groups["young"]).inputs.expected_mean == 2.0
    early = build_matrix(Filters(until=datetime.date(2025, 6, 1)))
    assert early.cell(areas["housing"], groups["young"]).inputs.expected_mean == -2.0


def _queries(filters=None):
    with CaptureQueriesContext(connection) as captured:
        build_matrix(filters or Filters())
    return len(captured)


def test_the_matrix_takes_a_constant_number_of_queries(perceived, tension):
    areas, _dimension, groups = city(areas=(("housing", 4),), groups=("young",))
    assessment(areas["housing"], {groups["young"]: -2}, scope="consultation:1")
    small = _queries()
    from engage.communities.models import Category, Dimension
    from engage.policy.models import PolicyArea

    dimension = Dimension.objects.create(name="More", slug="more")
    extra_groups = [
        Category.objects.create(dimension=dimension, name=f"G{i}", slug=f"g{i}") for i in range(9)
    ]
    for i in range(8):
        area = PolicyArea.objects.create(name=f"Area {i}", slug=f"area-{i}", risk_weight=i % 6)
        for j in range(3):
            assessment(
                area,
                dict.fromkeys(extra_groups, (i + j) % 5 - 2),
                scope=f"consultation:{100 + i * 3 + j}",
            )
    assert _queries() == small
    assert small <= 7
