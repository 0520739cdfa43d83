"""The formulas of docs/opinion-maps.md against small examples computed by hand."""

import math

import numpy as np
import pytest

from engage.opinions.maths import build_matrix, compute_opinion_map, in_conversation
from engage.opinions.maths.clustering import kmeans, weighted_silhouette
from engage.opinions.maths.projection import (
    impute_column_means,
    principal_components,
    project,
)
from engage.opinions.maths.statistics import (
    consensus,
    group_informed_consensus,
    one_proportion_z,
    representativeness,
    smoothed_share,
    two_proportion_z,
)

NAN = np.nan


def matrix_of(rows, out=()):
    """A VoteMatrix from a list of rows (None = not voted)."""
    cells = [(r, c, v) for r, row in enumerate(rows) for c, v in enumerate(row) if v is not None]
    return build_matrix(
        [str(r) for r in range(len(rows))],
        [str(c) for c in range(len(rows[0]))],
        [r for r, _c, _v in cells],
        [c for _r, c, _v in cells],
        [float(v) for _r, _c, v in cells],
        out=out,
    )


def test_smoothed_share_adds_one_agree_and_two_votes():
    assert smoothed_share(3, 4) == pytest.approx(4 / 6)
    assert smoothed_share(0, 0) == pytest.approx(0.5)


def test_one_proportion_z_by_hand():
    # 2·√5·(4/5 − ½) = 1.341641
    assert one_proportion_z(3, 4) == pytest.approx(1.341641, abs=1e-6)


def test_two_proportion_z_by_hand():
    # p1 = 4/5, p2 = 2/5, pooled 6/10: 0.4 ÷ √(0.6·0.4·(1/5 + 1/5)) = 1.290994
    z = two_proportion_z(np.array([3.0]), np.array([4.0]), np.array([1.0]), np.array([4.0]))
    assert z[0] == pytest.approx(1.290994, abs=1e-6)


def test_two_proportion_z_is_zero_when_the_pooled_share_is_certain():
    z = two_proportion_z(np.array([2.0]), np.array([2.0]), np.array([3.0]), np.array([3.0]))
    assert z[0] == 0.0


def test_group_informed_consensus_is_the_product_over_groups():
    # Group 1: 2 agrees of 3 votes, group 2: 0 of 2 → (3/5)·(1/4) = 0.15; the
    # moderated-out statement 1 is left out.
    agree = np.array([[2.0, 1.0], [0.0, 1.0]])
    votes = np.array([[3.0, 1.0], [2.0, 1.0]])
    result = group_informed_consensus(agree, votes, np.array([True, False]))
    assert result == {0: pytest.approx(0.15)}


def test_moderated_out_statement_is_zeroed_and_not_counted():
    m = matrix_of([[1, -1, 1], [None, 1, 0]], out=[1])
    assert m.values[0, 1] == 0 and m.values[1, 1] == 0
    assert m.votes_cast().tolist() == [2, 1]


def test_in_conversation_needs_min_seven_or_every_statement():
    # Ten statements: 7 votes are enough, 6 are not (no top-up here).
    rows = [[1] * 7 + [None] * 3, [1] * 6 + [None] * 4, [0] * 10]
    assert in_conversation(matrix_of(rows), top_up_to=0).tolist() == [0, 2]
    # Three statements: all three are needed.
    rows = [[1, 1, 1], [1, 1, None]]
    assert in_conversation(matrix_of(rows), top_up_to=0).tolist() == [0]


def test_in_conversation_tops_up_with_the_most_active_and_keeps_members():
    rows = [[1] + [None] * 9, [1, 1, 1] + [None] * 7, [None] * 10, [1, 1] + [None] * 8]
    # Nobody reaches 7; the top-up takes the most active with at least one vote.
    assert in_conversation(matrix_of(rows), top_up_to=2).tolist() == [1, 3]
    assert in_conversation(matrix_of(rows), top_up_to=15).tolist() == [0, 1, 3]
    assert in_conversation(matrix_of(rows), top_up_to=0, keep=[2]).tolist() == [2]


def test_column_mean_imputation():
    filled = impute_column_means(np.array([[1, NAN], [NAN, NAN], [-1, NAN], [1, NAN]]))
    assert filled[1, 0] == pytest.approx(1 / 3)
    assert filled[:, 1].tolist() == [0, 0, 0, 0]


def test_principal_component_of_a_line_has_a_fixed_sign():
    data = np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]])
    components, centre = principal_components(data)
    assert centre.tolist() == [2.0, 4.0]
    assert components[0] == pytest.approx([1 / math.sqrt(5), 2 / math.sqrt(5)])
    components_negated, _ = principal_components(-data)
    assert components_negated[0] == pytest.approx(components[0])


def test_projection_is_scaled_by_statements_over_votes():
    filled = np.array([[1.0, 0.0], [0.0, 0.0]])
    components = np.array([[1.0, 0.0], [0.0, 1.0]])
    coordinates = project(filled, components, np.zeros(2), np.array([1, 4]), 16)
    assert coordinates[0].tolist() == [4.0, 0.0]  # × √(16 ÷ 1)


def test_weighted_silhouette_by_hand():
    # Bases at 0 and 1 (one member each) form group A, a base at 10 with two members
    # group B: s = 0.9, 8/9 and 1 (twice) → 0.947222.
    points = np.array([[0.0, 0.0], [1.0, 0.0], [10.0, 0.0]])
    score = weighted_silhouette(points, np.array([0, 0, 1]), np.array([1.0, 1.0, 2.0]))
    assert score == pytest.approx((0.9 + 8 / 9 + 2) / 4)


def test_kmeans_finds_separated_clusters_labelled_by_first_point():
    points = np.array([[10, 10], [0, 0], [0, 1], [10, 11], [1, 0]], dtype=float)
    labels, centres = kmeans(points, 2, np.random.default_rng(3))
    assert labels.tolist() == [0, 1, 1, 0, 1]
    assert centres[0] == pytest.approx([10, 10.5])


def test_representativeness_by_hand():
    # Statement 0: group 0 all agree (10 votes), group 1 all disagree (10 votes):
    # r = (11/12) ÷ (1/12) = 11, z1 = √11, z2 = 4.2817 → agree for 0, disagree for 1.
    agree = np.array([[10.0, 5.0], [0.0, 5.0]])
    disagree = np.array([[0.0, 5.0], [10.0, 5.0]])
    votes = np.array([[10.0, 10.0], [10.0, 10.0]])
    result = representativeness(agree, disagree, votes, np.array([True, True]))
    assert result[0] == [(0, "agree", pytest.approx(11.0))]
    assert result[1] == [(0, "disagree", pytest.approx(11.0))]


def test_representativeness_leaves_out_moderated_out_statements():
    agree = np.array([[10.0], [0.0]])
    disagree = np.array([[0.0], [10.0]])
    votes = np.array([[10.0], [10.0]])
    assert representativeness(agree, disagree, votes, np.array([False])) == [[], []]


def test_consensus_lists_significant_majorities():
    agree = np.array([9.0, 1.0, 5.0])
    disagree = np.array([0.0, 9.0, 5.0])
    votes = np.array([10.0, 10.0, 10.0])
    assert consensus(agree, disagree, votes, np.array([True, True, True])) == ([0], [1])


def two_camps(size=12):
    """Two camps voting opposite ways on 8 statements, everyone agreeing on the last."""
    camp_a = [[1, 1, 1, 1, -1, -1, -1, 1] for _ in range(size)]
    camp_b = [[-1, -1, -1, -1, 1, 1, 1, 1] for _ in range(size)]
    return matrix_of(camp_a + camp_b)


def test_full_computation_finds_the_two_camps_and_their_consensus():
    result = compute_opinion_map(two_camps(), seed=7)
    groups = sorted(sorted(g["members"], key=int) for g in (result["groups"]))
    assert groups == [[str(i) for i in range(12)], [str(i) for i in range(12, 24)]]
    assert result["consensus"]["agree"] == ["7"]
    # Group-informed consensus of statement 7: (12 + 1) ÷ (12 + 2) per group, squared.
    assert result["group_informed_consensus"]["7"] == pytest.approx((13 / 14) ** 2)
    assert result["group_informed_consensus"]["0"] == pytest.approx((13 / 14) * (1 / 14))


def test_same_seed_same_result():
    assert compute_opinion_map(two_camps(), seed=5) == compute_opinion_map(two_camps(), seed=5)


def test_no_votes_gives_no_groups():
    m = build_matrix(["a"], ["s"], [], [], [])
    result = compute_opinion_map(m, seed=0)
    assert result["participants"] == 0
    assert result["groups"] == []
    assert result["group_informed_consensus"] == {"s": 1.0}
