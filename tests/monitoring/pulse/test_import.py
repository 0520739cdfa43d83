"""`import_pulse_answers --wave ID FILE.csv`: a good file, each error with its line,
and nothing imported when there is any error."""

import io

import pytest
from django.core.management import CommandError, call_command

from engage.monitoring.pulse.importers import import_pulse_answers
from engage.monitoring.pulse.models import Answer, PaperImport, Response, ResponseDeclaration
from tests.factories.communities import dimension_with_groups

pytestmark = pytest.mark.django_db

GOOD = (
    "area,get_on_well,trust,feel_safe,q-parks,group:faith\n"
    "TC-W01,definitely_agree,Tend to agree,very_safe,,a\n"
    "tc-w02,tend_to_disagree,,Fairly unsafe,dont_know,prefer not to say\n"
    ",,definitely_disagree,,tend_to_agree,Group B\n"
)


@pytest.fixture
def faith(db):
    return dimension_with_groups("Faith", {"a": "Group A", "b": "Group B"}, slug="faith")


def test_a_good_file_is_imported_with_areas_answers_and_groups(wave, wards, faith, tmp_path):
    path = tmp_path / "paper.csv"
    path.write_text(GOOD, encoding="utf-8")
    out = io.StringIO()
    call_command("import_pulse_answers", str(path), wave=wave.pk, stdout=out)
    assert "Imported 3 paper responses" in out.getvalue()
    responses = Response.objects.filter(wave=wave).order_by("pk")
    assert [r.area and r.area.code for r in responses] == ["TC-W01", "TC-W02", None]
    assert {r.channel for r in responses} == {"paper"}
    assert Answer.objects.filter(response__wave=wave).count() == 8
    assert Answer.objects.get(response=responses[0], indicator="trust").value == "tend_to_agree"
    assert Answer.objects.get(response=responses[1], question__code="parks").value == "dont_know"
    ticks = ResponseDeclaration.objects.order_by("response_id")
    assert [t.category and t.category.slug for t in ticks] == ["a", None, "b"]
    assert PaperImport.objects.get().responses == 3


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("area,trust\nNOWHERE,tend_to_agree\n", 2, "area", "not one of this wave's areas"),
        ("trust\nmaybe\n", 2, "trust", "not an answer on this question's scale"),
        ("trust\nvery_safe\n", 2, "trust", "not an answer on this question's scale"),
        ("trust,colour\ntend_to_agree,red\n", 1, "colour", "not a question of this wave"),
        ("trust,group:nothing\ntend_to_agree,x\n", 1, "group:nothing", "no dimension"),
        ("trust,group:faith\ntend_to_agree,Group Z\n", 2, "group:faith", "not a group of faith"),
        ("area,trust\nTC-W01,\n", 2, "", "answers no question"),
        ("trust,trust\ntend_to_agree,tend_to_agree\n", 1, "trust", "named twice"),
        ("area\nTC-W01\n", 1, "", "no answer columns"),
        ("trust\n", 1, "", "header but no rows"),
        ("", 1, "", "empty"),
        ('trust\n"tend_to_agree\n', 2, "", "quote"),
    ],
)
def test_each_problem_is_reported_with_its_line_and_nothing_is_imported(
    wave, wards, faith, text, line, column, message
):
    result = import_pulse_answers(wave, text.encode())
    assert not result.ok
    error = result.errors[0]
    assert (error.line, error.column) == (line, column), result.errors
    assert message in str(error.message)
    assert not Response.objects.exists() and not PaperImport.objects.exists()


def test_one_bad_row_among_good_ones_imports_nothing(wave, wards, tmp_path):
    path = tmp_path / "paper.csv"
    path.write_text(
        "trust\n" + "tend_to_agree\n" * 20 + "perhaps\n" + "definitely_agree\n", encoding="utf-8"
    )
    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command("import_pulse_answers", str(path), wave=wave.pk)
    assert not Response.objects.exists()


def test_the_command_names_a_missing_wave_or_file(wave, tmp_path):
    with pytest.raises(CommandError, match="no pulse survey wave 999"):
        call_command("import_pulse_answers", str(tmp_path / "x.csv"), wave=999)
    with pytest.raises(CommandError, match="no file"):
        call_command("import_pulse_answers", str(tmp_path / "x.csv"), wave=wave.pk)
