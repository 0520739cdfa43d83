"""`manage.py score_text`: the scoring contract cities use to evaluate a backend."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from engage.insights.abuse import ABUSE_CATEGORIES

NULL_OBJECT = {
    "language": None,
    "sentiment": None,
    "backend": None,
    "abuse": {"flagged": None, "categories": []},
}


def score(*args) -> list[dict]:
    out = StringIO()
    call_command("score_text", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def assert_contract(obj):
    assert set(obj) == {"language", "sentiment", "backend", "abuse"}
    assert set(obj["abuse"]) == {"flagged", "categories"}
    assert obj["language"] is None or (
        isinstance(obj["language"], str) and len(obj["language"]) == 2
    )
    if obj["sentiment"] is None:
        assert obj["backend"] is None
    else:
        assert -1 <= obj["sentiment"] <= 1 and obj["backend"]
    assert obj["abuse"]["flagged"] in (True, False, None)
    assert set(obj["abuse"]["categories"]) <= set(ABUSE_CATEGORIES)
    assert bool(obj["abuse"]["categories"]) == bool(obj["abuse"]["flagged"])


def test_one_object_per_text_in_input_order():
    results = score(
        "I love the new library, it is wonderful.",
        "Le bus est toujours en retard.",
        "The bus is late and the driver was rude.",
    )
    assert [r["language"] for r in results] == ["en", "fr", "en"]
    assert results[0]["sentiment"] > 0.05 > -0.05 > results[2]["sentiment"]
    assert results[0]["backend"].startswith("vader ")
    assert results[1]["sentiment"] is None and results[1]["backend"] is None
    assert results[1]["abuse"] == {"flagged": None, "categories": []}
    assert results[0]["abuse"] == {"flagged": False, "categories": []}
    for result in results:
        assert_contract(result)


def test_abuse_is_reported_with_categories():
    (result,) = score("Immigrants are vermin and should all be shot.")
    assert result["abuse"]["flagged"] is True
    assert {"dehumanisation", "threat"} <= set(result["abuse"]["categories"])
    assert_contract(result)


def test_a_file_has_one_text_per_line_blank_lines_give_nulls_and_escaped_newlines(tmp_path):
    path = tmp_path / "texts.txt"
    path.write_text(
        "The park is lovely.\n\n   \nLine one\\nand the bus is TERRIBLE!!!\nDer Park ist schön.\n",
        encoding="utf-8",
    )
    results = score("--file", str(path))
    assert len(results) == 5
    assert results[0]["sentiment"] > 0
    assert results[1] == NULL_OBJECT
    assert results[2] == NULL_OBJECT
    assert results[3]["language"] == "en" and results[3]["sentiment"] < 0
    assert results[4]["language"] == "de" and results[4]["sentiment"] is None
    for result in results:
        assert_contract(result)


def test_an_escaped_newline_becomes_a_newline_before_analysis(tmp_path, monkeypatch):
    seen = []

    def fake(text, language=None, **_options):
        seen.append(text)
        from engage.insights.analysis import EMPTY

        return EMPTY

    monkeypatch.setattr("engage.insights.management.commands.score_text.analyse_text", fake)
    path = tmp_path / "texts.txt"
    path.write_text("first\\nsecond\r\nthird\u2028still third\n\n", encoding="utf-8")
    score("--file", str(path))
    assert seen == ["first\nsecond", "third\u2028still third", ""]


def test_lang_forces_the_language():
    (forced,) = score("--lang", "fr", "The park is lovely.")
    assert forced["language"] == "fr"
    assert forced["sentiment"] is None and forced["abuse"]["flagged"] is None
    (english,) = score("--lang", "EN", "Le parc est très beau, I love it.")
    assert english["language"] == "en" and english["backend"].startswith("vader ")


@pytest.mark.parametrize("code", ["xx", "english", "", "e1"])
def test_an_unknown_language_code_is_refused(code):
    with pytest.raises(CommandError, match="Unknown language code"):
        score("--lang", code, "hello")


def test_an_unreadable_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        score("--file", str(tmp_path / "missing.txt"))


def test_invalid_utf8_is_refused_with_the_line(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("good line\nCafé\n".encode("latin-1"))
    with pytest.raises(CommandError, match="not valid UTF-8 \\(line 2"):
        score("--file", str(path))


def test_nothing_to_score_or_both_sources_are_refused(tmp_path):
    with pytest.raises(CommandError, match="Nothing to score"):
        score()
    path = tmp_path / "t.txt"
    path.write_text("x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="not both"):
        score("--file", str(path), "text")


def run_manage(*args, stdin=b""):
    root = Path(__file__).resolve().parents[2]
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(root / "manage.py"), "score_text", *args],
        input=stdin,
        capture_output=True,
        cwd=root,
        timeout=120,
        check=False,
    )


def test_bad_input_exits_non_zero_with_a_clear_message_on_stderr(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\xff\xfe\x00bad")
    result = run_manage("--file", str(path))
    assert result.returncode != 0
    assert b"not valid UTF-8" in result.stderr
    assert result.stdout == b""
    result = run_manage("--lang", "zz", "hello")
    assert result.returncode != 0
    assert b"Unknown language code 'zz'" in result.stderr


def test_standard_input_and_the_process_output(tmp_path):
    result = run_manage("--file", "-", stdin=b"I love this park!\n\n")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["sentiment"] > 0
    assert json.loads(lines[1]) == NULL_OBJECT
