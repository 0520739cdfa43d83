"""The city matrix formula (engage/impact/matrix/formula.py) on the worked example of
docs/impact.md, "The city matrix", and its missing-input rules."""

import pytest
from django.test import override_settings

from engage.impact.matrix import conf
from engage.impact.matrix.formula import CellInputs, score_cell

# The worked example: Housing (weight 4) × young adults 18–24.
EXAMPLE = CellInputs(
    risk_weight=4,
    expected_mean=-1.5,
    expected_known=2,
    expected_unknown=1,
    perceived_mean=-0.5,
    perceived_respondents=40,
    tension=3.0,
    negative_share=0.25,
    negative_share_scope="group",
    negative_share_texts=16,
)


def test_the_worked_example_scores_43_5_with_its_components():
    result = score_cell(EXAMPLE)
    assert result.components == {
        "expected": 0.75,
        "perceived": 0.25,
        "gap": 0.25,
        "unknown": pytest.approx(0.3333, abs=1e-4),
    }
    assert result.impact == pytest.approx(0.4583, abs=1e-4)
    assert result.signal == 0.375
    assert result.score == 43.5


def test_the_worked_examples_reason_names_every_input_with_its_figure():
    assert score_cell(EXAMPLE).reason_text() == (
        "policy area's risk weight: 4/5; expected impact: -1.50 on average over 2 rows; "
        "tension level, area-wide: 3.0/5; rows with unknown impact: 1 of 3; perceived "
        "impact: -0.50 on average (40 people); gap between expected and perceived impact: "
        "1.00; share of negative texts by this group in this policy area: 25% of 16 texts"
    )


def test_missing_perceived_impact_and_signals_are_left_out_not_zero():
    inputs = CellInputs(risk_weight=4, expected_mean=-1.5, expected_known=2, expected_unknown=1)
    result = score_cell(inputs)
    assert result.score == 53.3
    assert result.signal is None
    assert "perceived" not in result.components and "gap" not in result.components
    text = result.reason_text()
    assert "perceived impact: missing" in text
    assert "tension level, area-wide: missing" in text
    assert "share of negative texts, area-wide: missing" in text
    # Zero is not missing: a neutral perceived impact and calm signals change the score.
    zeroes = CellInputs(
        risk_weight=4,
        expected_mean=-1.5,
        expected_known=2,
        expected_unknown=1,
        perceived_mean=0,
        perceived_respondents=12,
        tension=1.0,
        negative_share=0.0,
    )
    assert score_cell(zeroes).score != result.score


def test_without_a_risk_weight_the_score_is_missing_but_the_reason_stays():
    result = score_cell(CellInputs(expected_mean=-2, expected_known=1))
    assert result.score is None and result.missing
    assert result.impact == 0.8  # (0.4 × 1 + 0.1 × 0) / 0.5: no unknown row is a zero share
    assert "policy area's risk weight: missing" in result.reason_text()


def test_a_zero_risk_weight_scores_zero_not_missing():
    assert score_cell(CellInputs(risk_weight=0, expected_mean=-2, expected_known=1)).score == 0


def test_only_unknown_rows_give_no_score():
    result = score_cell(CellInputs(risk_weight=5, expected_known=0, expected_unknown=3))
    assert result.components == {"unknown": 1.0}
    assert result.score is None


def test_positive_impacts_agreeing_score_zero():
    inputs = CellInputs(
        risk_weight=5, expected_mean=2, expected_known=3, perceived_mean=2, perceived_respondents=30
    )
    assert score_cell(inputs).score == 0


def test_perceived_impact_alone_is_enough():
    result = score_cell(CellInputs(risk_weight=5, perceived_mean=-2, perceived_respondents=20))
    assert result.score == 100.0
    assert "expected impact: missing" in result.reason_text()


def test_weights_come_from_the_settings_with_defaults():
    assert conf.weights() == conf.DEFAULT_WEIGHTS
    assert conf.signal_weight() == conf.DEFAULT_SIGNAL_WEIGHT
    with override_settings(
        IMPACT_MATRIX_WEIGHTS={"gap": 0, "unknown": 0}, IMPACT_MATRIX_SIGNAL_WEIGHT=0
    ):
        assert conf.weights()["expected"] == 0.4
        result = score_cell(EXAMPLE)
    # (0.4 × 0.75 + 0.3 × 0.25) / 0.7 × 0.8 × 100
    assert result.score == pytest.approx(42.9, abs=0.05)


def test_explicit_weights_override_the_settings():
    only_expected = {"expected": 1, "perceived": 0, "gap": 0, "unknown": 0}
    assert score_cell(EXAMPLE, weights=only_expected, signal_weight=0).score == 60.0


def test_an_area_wide_share_is_named_as_area_wide_and_scores_the_same():
    area_wide = CellInputs(**{**EXAMPLE.__dict__, "negative_share_scope": "area"})
    assert score_cell(area_wide).score == score_cell(EXAMPLE).score == 43.5
    text = score_cell(area_wide).reason_text()
    assert "share of negative texts, area-wide: 25%" in text
    assert "by this group" not in text


def test_the_documented_worked_example_matches_the_code():
    """docs/impact.md states the example's score and reason; they must be what the
    formula gives, so the documentation cannot drift from the code."""
    import re
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs" / "impact.md"
    text = " ".join(docs.read_text(encoding="utf-8").split())
    reason = re.search(r'Reason shown: "([^"]+)"', text).group(1)
    result = score_cell(EXAMPLE)
    assert reason == result.reason_text()
    assert f"**{result.score}**" in text
    without = CellInputs(risk_weight=4, expected_mean=-1.5, expected_known=2, expected_unknown=1)
    assert f"**{score_cell(without).score}**" in text
