"""`import_polis` on the two shared Pol.is conversations and on bad folders."""

import csv
import io
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from engage.opinions.models import OpinionMap, Participant, Statement, StatementState, Vote

from .conftest import CONVERSATIONS, run

pytestmark = pytest.mark.django_db


def latest_votes(folder):
    """{(voter, comment): vote} with the latest by timestamp, file order breaking ties."""
    latest = {}
    with open(folder / "votes.csv", encoding="utf-8") as handle:
        for order, row in enumerate(csv.DictReader(handle)):
            key = (row["voter-id"], row["comment-id"])
            rank = (int(row["timestamp"]), order)
            if key not in latest or rank > latest[key][0]:
                latest[key] = (rank, int(row["vote"]))
    return {key: value for key, (_rank, value) in latest.items()}


@pytest.mark.parametrize("name", CONVERSATIONS)
def test_import_keeps_every_statement_and_the_latest_votes(polis_dir, name):
    folder = polis_dir / name
    out, _err = run("import_polis", str(folder), "--into", f"new:{name}")
    scope = out.strip().splitlines()[-1]
    opinion_map = OpinionMap.objects.get()
    assert scope == f"map:{opinion_map.pk}"
    assert opinion_map.title == name
    with open(folder / "comments.csv", encoding="utf-8") as handle:
        comments = list(csv.DictReader(handle))
    statements = {s.external_id: s for s in Statement.objects.filter(map=opinion_map)}
    assert set(statements) == {row["comment-id"] for row in comments}
    for row in comments:
        statement = statements[row["comment-id"]]
        assert statement.text == row["comment-body"]
        out_of = row["moderated"] == "-1"
        assert (statement.state == StatementState.MODERATED_OUT) == out_of
    expected = latest_votes(folder)
    stored = {
        (v.participant.external_id, v.statement.external_id): v.value
        for v in Vote.objects.filter(statement__map=opinion_map).select_related(
            "participant", "statement"
        )
    }
    assert stored == expected
    assert Participant.objects.filter(map=opinion_map, user__isnull=False).count() == 0


def test_london_has_three_moderated_out_statements(polis_dir):
    run("import_polis", str(polis_dir / "london.youth.policing"), "--into", "new:London")
    assert Statement.objects.filter(state=StatementState.MODERATED_OUT).count() == 3


def write_folder(path, comments, votes):
    path.mkdir(exist_ok=True)
    (path / "comments.csv").write_text(comments, encoding="utf-8")
    if votes is not None:
        (path / "votes.csv").write_text(votes, encoding="utf-8")
    return path


COMMENTS = (
    "comment-id,moderated,comment-body,unknown\n1,1,Parks,x\n2,-1,Libraries,y\n3,0,Буses ✓,z\n"
)
VOTES = (
    "timestamp,comment-id,voter-id,vote\n"
    "100,1,a,1\n"
    "200,1,a,-1\n"
    "150,1,a,0\n"
    "300,2,b,1\n"
    "300,2,b,-1\n"
    "10,3,b,0\n"
)


def test_latest_by_timestamp_then_file_order_and_unknown_columns_ignored(tmp_path):
    folder = write_folder(tmp_path / "ok", COMMENTS, VOTES)
    run("import_polis", str(folder), "--into", "new:Small")
    values = {
        (v.participant.external_id, v.statement.external_id): v.value
        for v in Vote.objects.select_related("participant", "statement")
    }
    assert values == {("a", "1"): -1, ("b", "2"): -1, ("b", "3"): 0}
    imported = Statement.objects.get(external_id="3")
    assert imported.text == "Буses ✓"
    assert imported.body_html == "<p>Буses ✓</p>", "shown and quoted as residents' statements"


@pytest.mark.parametrize(
    ("comments", "votes", "expected"),
    [
        (COMMENTS, None, "votes.csv, line 1"),
        ("comment-id,moderated\n1,1\n", VOTES, "comments.csv, line 1"),
        (COMMENTS, "timestamp,comment-id,voter-id\n1,1,a\n", "votes.csv, line 1"),
        (COMMENTS, "timestamp,comment-id,voter-id,vote\n1,1,a,1\n2,1,b,2\n", "votes.csv, line 3"),
        (COMMENTS, "timestamp,comment-id,voter-id,vote\n1,1,a,1\n2,9,b,1\n", "votes.csv, line 3"),
        ("comment-id,moderated,comment-body\n1,1,A\n2,5,B\n", VOTES, "comments.csv, line 3"),
    ],
    ids=[
        "missing-votes-file",
        "missing-body-column",
        "missing-vote-column",
        "vote-2",
        "unknown-comment",
        "bad-moderated",
    ],
)
def test_bad_input_names_file_and_line_and_imports_nothing(tmp_path, comments, votes, expected):
    folder = write_folder(tmp_path / "bad", comments, votes)
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_polis", str(folder), "--into", "new:Bad", stderr=err)
    assert "Nothing was imported" in str(raised.value)
    assert expected in err.getvalue()
    assert OpinionMap.objects.count() == 0
    assert Vote.objects.count() == 0


def test_bad_input_problems_are_written_with_file_and_line(tmp_path):
    folder = write_folder(
        tmp_path / "bad", COMMENTS, "timestamp,comment-id,voter-id,vote\n1,1,a,1\n2,1,b,2\n"
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_polis", str(folder), "--into", "new:Bad", stderr=err)
    assert "votes.csv, line 3" in err.getvalue()
    assert "“2”" in err.getvalue()


def test_missing_folder_and_bad_scope_are_refused(tmp_path):
    with pytest.raises(CommandError, match="no folder"):
        run("import_polis", str(tmp_path / "nowhere"), "--into", "new:X")
    folder = write_folder(tmp_path / "ok", COMMENTS, VOTES)
    for scope in ("nowhere:1", "new:", "map:999999", "forum:999999"):
        with pytest.raises(CommandError):
            run("import_polis", str(folder), "--into", scope)
    assert OpinionMap.objects.count() == 0


def test_existing_map_is_refused_unless_replace(tmp_path):
    folder = write_folder(tmp_path / "ok", COMMENTS, VOTES)
    out, _err = run("import_polis", str(folder), "--into", "new:First")
    scope = out.strip().splitlines()[-1]
    with pytest.raises(CommandError, match="--replace"):
        run("import_polis", str(folder), "--into", scope)
    other = write_folder(
        tmp_path / "other",
        "comment-id,comment-body\n7,Trees\n",
        "comment-id,voter-id,vote\n7,z,1\n",
    )
    out, _err = run("import_polis", str(other), "--into", scope, "--replace")
    assert out.strip().splitlines()[-1] == scope
    opinion_map = OpinionMap.objects.get()
    assert opinion_map.title == "First"
    assert list(opinion_map.statements.values_list("external_id", flat=True)) == ["7"]
    assert list(opinion_map.participants.values_list("external_id", flat=True)) == ["z"]


def test_participants_votes_file_adds_voters_without_vote_rows(tmp_path):
    folder = write_folder(tmp_path / "ok", COMMENTS, VOTES)
    (folder / "participants-votes.csv").write_text(
        "participant,group-id,1\na,0,-1\nlurker,,\n", encoding="utf-8"
    )
    run("import_polis", str(folder), "--into", "new:Small")
    assert set(Participant.objects.values_list("external_id", flat=True)) == {"a", "b", "lurker"}


def test_copy_of_shared_folder_without_optional_files_imports(polis_dir, tmp_path):
    folder = tmp_path / "bare"
    folder.mkdir()
    for name in ("comments.csv", "votes.csv"):
        shutil.copy(polis_dir / "london.youth.policing" / name, folder / name)
    run("import_polis", str(folder), "--into", "new:Bare")
    assert Statement.objects.count() == 39
