"""Displacement warnings on hand-built grids (pure functions, no database)."""

from engage.impact.displacement import (
    MIXED,
    NOT_DIRECTLY_AFFECTED,
    PERCEPTION_GAP,
    UNKNOWN_UNDER_REPRESENTED,
    Row,
    displacement_warnings,
    harm_to_groups_not_directly_affected,
    mixed_impacts,
    perception_gaps,
    unknown_and_under_represented,
)

AGE = "Age"
TENURE = "Tenure"


def row(pk, name, impact, dimension=AGE, affected=False, wider=False):
    return Row(pk, name, dimension, impact, directly_affected=affected, wider_audience=wider)


def test_positive_for_some_and_negative_for_others_in_one_dimension_is_one_warning():
    grid = [row(1, "Young", 2), row(2, "Older", -1), row(3, "Middle", 0)]
    [warning] = mixed_impacts(grid)
    assert warning.kind == MIXED
    assert warning.category_ids == (1, 2)
    assert "Young" in warning.message and "Older" in warning.message
    assert "Middle" not in warning.message


def test_gains_and_losses_in_different_dimensions_are_not_mixed():
    grid = [row(1, "Young", 2, AGE), row(2, "Renters", -1, TENURE)]
    assert mixed_impacts(grid) == []


def test_all_positive_or_unknown_gives_no_mixed_warning():
    assert mixed_impacts([row(1, "Young", 1), row(2, "Older", None), row(3, "Middle", 2)]) == []


def test_negative_for_a_group_not_directly_affected_is_warned_wider_audience_included():
    grid = [
        row(1, "Young", -2, affected=True),
        row(2, "Older", -1, wider=True),
        row(3, "Middle", -1),
        row(4, "Students", 1),
    ]
    [warning] = harm_to_groups_not_directly_affected(grid)
    assert warning.kind == NOT_DIRECTLY_AFFECTED
    assert warning.category_ids == (2, 3)
    assert "Young" not in warning.message
    assert "are not directly affected" in warning.message


def test_one_harmed_group_reads_in_the_singular():
    [warning] = harm_to_groups_not_directly_affected([row(2, "Older", -1)])
    assert "Older is not directly affected" in warning.message


def test_negative_only_for_directly_affected_groups_is_no_displacement():
    assert harm_to_groups_not_directly_affected([row(1, "Young", -2, affected=True)]) == []


def test_expected_positive_but_perceived_negative_is_a_gap_and_the_reverse_too():
    grid = [row(1, "Young", 2), row(2, "Older", -1), row(3, "Middle", 1)]
    warnings = perception_gaps(grid, {1: -1.25, 2: 0.8, 3: 1.5})
    assert [w.category_ids for w in warnings] == [(1,), (2,)]
    assert all(w.kind == PERCEPTION_GAP for w in warnings)
    assert "expected +2" in warnings[0].message and "-1.2" in warnings[0].message
    assert "expect to gain" in warnings[1].message


def test_perceived_means_near_zero_suppressed_or_unknown_expected_give_no_gap():
    grid = [row(1, "Young", 2), row(2, "Older", None), row(3, "Middle", 1), row(4, "x", 0)]
    assert perception_gaps(grid, {1: -0.4, 2: -2.0, 3: None, 4: -2.0}) == []


def test_unknown_impact_on_an_under_represented_or_absent_group_is_warned():
    grid = [row(1, "Young", None), row(2, "Older", None), row(3, "Middle", None), row(4, "S", -1)]
    flags = {1: "under", 2: "in_range", 3: "absent", 4: "under"}
    [warning] = unknown_and_under_represented(grid, flags)
    assert warning.kind == UNKNOWN_UNDER_REPRESENTED
    assert warning.category_ids == (1, 3)


def test_unknown_impact_without_representation_figures_is_not_warned():
    assert unknown_and_under_represented([row(1, "Young", None)], {}) == []


def test_all_checks_together_in_order():
    grid = [
        row(1, "Young", 2, affected=True),
        row(2, "Older", -1),
        row(3, "Middle", None),
    ]
    kinds = [
        w.kind
        for w in displacement_warnings(grid, perceived={1: -1.0}, representation={3: "under"})
    ]
    assert kinds == [MIXED, NOT_DIRECTLY_AFFECTED, PERCEPTION_GAP, UNKNOWN_UNDER_REPRESENTED]


def test_a_grid_with_nothing_to_warn_gives_no_warnings():
    grid = [row(1, "Young", 1, affected=True), row(2, "Older", 0)]
    assert displacement_warnings(grid, {1: 1.5}, {2: "under"}) == []
