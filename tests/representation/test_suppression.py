"""Small-cell suppression: no published table, with its totals, reveals a count below
the threshold. The attacker here is independent of the implementation: a linear
program (SciPy's HiGHS) finds the least and greatest value each hidden cell can take
given everything published and the published rules."""

from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from engage.communities import suppression
from engage.communities.representation.publishable import dimension_cells, publishable_report
from engage.communities.representation.report import (
    CategoryRow,
    DimensionReport,
    RepresentationReport,
)

T = 10


def attack(counts, states, relations, limit=T):
    """{hidden cell: (min, max)} a reader can deduce, by linear programming."""
    names = list(counts)
    hidden = [name for name in names if states[name] != suppression.VISIBLE]
    if not hidden:
        return {}
    index = {name: i for i, name in enumerate(hidden)}
    a_eq, b_eq = [], []
    for total, parts in relations:
        row = [0.0] * len(hidden)
        constant = 0
        for name, sign in [(total, 1), *((part, -1) for part in parts)]:
            if name in index:
                row[index[name]] += sign
            else:
                constant -= sign * counts[name]
        if any(row):
            a_eq.append(row)
            b_eq.append(constant)
    bounds = [
        (0, limit - 1) if states[name] == suppression.SMALL else (limit, None) for name in hidden
    ]
    ranges = {}
    for name in hidden:
        objective = [0.0] * len(hidden)
        objective[index[name]] = 1.0
        low = linprog(objective, A_eq=a_eq or None, b_eq=b_eq or None, bounds=bounds)
        objective[index[name]] = -1.0
        high = linprog(objective, A_eq=a_eq or None, b_eq=b_eq or None, bounds=bounds)
        assert low.status == 0, "the published table must be consistent"
        ranges[name] = (round(low.fun), round(-high.fun) if high.status == 0 else None)
    return ranges


def dimension(counted, excluded=(), prefer_not=0, undeclared=0):
    rows = [
        CategoryRow(i, f"c{i}", f"C{i}", n, None, 0.1, None, None, 0, "in_range")
        for i, n in enumerate(counted)
    ]
    rows += [
        CategoryRow(100 + i, f"x{i}", f"X{i}", n, None, 0, None, None, 0, "excluded", True)
        for i, n in enumerate(excluded)
    ]
    declared = sum(counted)
    participants = declared + sum(excluded) + prefer_not + undeclared
    return DimensionReport(
        "dim", "Dim", participants, declared, sum(excluded), prefer_not, undeclared,
        None, None, None, None, rows,
    )  # fmt: skip


def assert_nothing_small_pinned(dim, limit=T):
    counts, relations, public = dimension_cells(dim)
    states = suppression.suppress(
        counts, relations, limit, protected={"participants"}, public=public
    )
    for name, state in states.items():
        if 0 < counts[name] < limit:
            assert state != suppression.VISIBLE, f"{name}={counts[name]} published"
    for name, (low, high) in attack(counts, states, relations, limit).items():
        if states[name] == suppression.SMALL and counts[name] > 0:
            assert high is None or low < high, f"{name}={counts[name]} recoverable: {states}"
    return states


class TestExamples:
    def test_one_small_cell_takes_the_next_smallest_with_it(self):
        states = assert_nothing_small_pinned(dimension([3, 40, 25, 100]))
        assert states["category:0"] == suppression.SMALL
        assert states["category:2"] == suppression.WITHHELD
        assert states["category:1"] == states["category:3"] == suppression.VISIBLE

    def test_two_small_cells_that_would_add_up_to_their_minimum_are_protected(self):
        # 1 + 1 hidden with the total shown: both could only be 1.
        assert_nothing_small_pinned(dimension([1, 1, 50, 60]))

    def test_small_cell_beside_a_cell_just_over_the_threshold(self):
        # Hiding 10 next to 1 would pin both (withheld cells are at least 10).
        assert_nothing_small_pinned(dimension([1, 10, 80]))

    def test_zero_cells_read_fewer_than_n_unless_the_group_is_absent(self):
        dim = dimension([0, 50, 60, 0])
        dim.rows[3].flag = "absent"
        states = assert_nothing_small_pinned(dim)
        assert states["category:0"] == suppression.SMALL
        assert states["category:3"] == suppression.VISIBLE

    def test_nine_groups_of_one_are_not_revealed(self):
        assert_nothing_small_pinned(dimension([1] * 9))

    def test_small_totals_are_suppressed_too(self):
        states = assert_nothing_small_pinned(dimension([2, 3], undeclared=1))
        assert states["participants"] == suppression.SMALL


@settings(max_examples=300, deadline=None)
@given(
    counted=st.lists(st.integers(0, 40), min_size=1, max_size=7),
    excluded=st.lists(st.integers(0, 20), max_size=2),
    prefer_not=st.integers(0, 25),
    undeclared=st.integers(0, 60),
    limit=st.integers(3, 12),  # below 3, "fewer than N" itself names the count
)
def test_no_published_table_reveals_a_small_count(counted, excluded, prefer_not, undeclared, limit):
    assert_nothing_small_pinned(dimension(counted, excluded, prefer_not, undeclared), limit)


@settings(max_examples=100, deadline=None)
@given(counted=st.lists(st.integers(0, 40), min_size=2, max_size=6), undeclared=st.integers(0, 30))
def test_the_publishable_report_shows_no_small_count_or_its_share(counted, undeclared):
    dim = dimension(counted, undeclared=undeclared)
    report = RepresentationReport(
        "city", "A", "A", "", None, dim.participants, dim.participants, 0, "", [dim]
    )
    published = publishable_report(report, threshold=T)
    for row in published["dimensions"][0]["rows"]:
        count = row["participants"]["count"]
        assert count is None or count >= T
        if count is None:
            assert row["share"] is None and row["ratio"] is None and row["interval"] is None
            assert row["participants"]["label"] in {"fewer than 10", "withheld"}
    for key in ("declared", "prefer_not_to_say", "not_declared", "participants"):
        count = published["dimensions"][0][key]["count"]
        assert count is None or count >= T
