"""`manage.py evaluate_signals`: the figures per language and per category, checked on a
small CSV whose answers are known, and on the evaluation data shipped with Engage."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from engage.insights.evaluation.metrics import pearson, polarity

EVALUATION = Path(__file__).resolve().parents[2] / "engage" / "insights" / "evaluation"


def evaluate(path, *args) -> dict:
    out = StringIO()
    call_command("evaluate_signals", str(path), "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def write_csv(tmp_path, rows, header="text,language,sentiment,abusive"):
    path = tmp_path / "eval.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_figures_on_a_small_labelled_file(tmp_path):
    path = write_csv(
        tmp_path,
        [
            "I love this wonderful park.,en,0.8,0",
            "The bus is terrible and always late.,en,-0.7,0",
            "The meeting is on Tuesday at the town hall.,en,0.0,0",
            "Immigrants are vermin.,en,,dehumanisation",
            "I will kill every Muslim in this town.,en,-0.9,threat",
            "Politicians are scum.,en,,0",
            "Le parc est magnifique.,fr,0.8,0",
            "Les immigrés sont de la vermine.,fr,-0.8,1",
        ],
    )
    figures = evaluate(path)
    english, french = figures["languages"]["en"], figures["languages"]["fr"]
    assert english["texts"] == 6
    assert english["sentiment_coverage"] == 1.0
    assert english["polarity_accuracy"] == 1.0
    assert english["sentiment_correlation"] > 0.8
    assert english["abuse_recall"] == 1.0
    assert english["abuse_false_flag_rate"] == 0.0
    assert (english["abusive_texts"], english["clean_texts"]) == (2, 4)
    assert french["sentiment_coverage"] == 0.0
    assert french["sentiment_correlation"] is None
    assert french["abuse_supported"] == 0.0 and french["abuse_recall"] is None
    assert figures["categories"]["threat"]["recall"] == 1.0
    assert figures["categories"]["dehumanisation"]["labelled"] == 1
    assert figures["categories"]["slur"]["recall"] is None


def test_a_missed_text_and_a_false_flag_show_in_the_figures(tmp_path):
    path = write_csv(
        tmp_path,
        [
            "Immigrants are vermin.,en,,dehumanisation",
            "The weather is nice today.,en,,derogation",
            "Saying refugees are rats is disgusting.,en,,0",
            "The council meeting is at seven.,en,,0",
        ],
    )
    english = evaluate(path)["languages"]["en"]
    assert english["abuse_recall"] == 0.5
    assert english["abuse_false_flag_rate"] == 0.0
    assert evaluate(path)["categories"]["derogation"]["recall"] == 0.0


def test_the_table_names_languages_and_categories(tmp_path):
    path = write_csv(tmp_path, ["I love it.,en,0.6,0", "J'adore.,fr,0.6,0"])
    out = StringIO()
    call_command("evaluate_signals", str(path), stdout=out)
    text = out.getvalue()
    for word in ["language", "en", "fr", "all", "polarity", "recall", "false flags", "threat"]:
        assert word in text
    assert "Neutral band" in text


@pytest.mark.parametrize(
    "rows,header,message",
    [
        (["hi,en,0.5,0"], "text,language,sentiment", "lacks the column"),
        (["hi,en,lots,0"], "text,language,sentiment,abusive", "not a number"),
        (["hi,en,2,0"], "text,language,sentiment,abusive", "outside"),
        (["hi,en,0.5,hateful"], "text,language,sentiment,abusive", "unknown abuse category"),
        ([], "text,language,sentiment,abusive", "no rows"),
    ],
)
def test_bad_files_are_refused_with_a_message(tmp_path, rows, header, message):
    path = write_csv(tmp_path, rows, header=header)
    with pytest.raises(CommandError, match=message):
        evaluate(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        evaluate(tmp_path / "nope.csv")


def test_polarity_uses_the_neutral_band():
    assert [polarity(x) for x in (-0.5, -0.05, 0.0, 0.05, 0.06)] == [-1, 0, 0, 0, 1]
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 1, 1], [1, 2, 3]) is None


def test_the_shipped_evaluation_data_keeps_its_measured_quality():
    """Regression guard for the figures in docs/text-signals.md."""
    english = evaluate(EVALUATION / "english.csv")["languages"]["en"]
    assert english["texts"] >= 150
    assert english["abuse_recall"] >= 0.95
    assert english["abuse_false_flag_rate"] <= 0.02
    assert english["polarity_accuracy"] >= 0.6
    heldout = evaluate(EVALUATION / "english_heldout.csv")["languages"]["en"]
    assert heldout["abuse_false_flag_rate"] <= 0.05
    others = evaluate(EVALUATION / "other_languages.csv", "--detect")
    for code, figures in others["languages"].items():
        assert figures["language_accuracy"] >= 0.9, code
        assert figures["sentiment_coverage"] == 0.0, code
        assert figures["abuse_supported"] == 0.0, code
