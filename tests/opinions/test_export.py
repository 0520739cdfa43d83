"""`export_opinion_map`: Pol.is' open-data format, anonymised, and importable again."""

import csv

import pytest
from django.contrib.auth import get_user_model

from engage.opinions.models import OpinionMap, Participant, Statement, StatementState
from engage.opinions.services import cast_vote, compute_result, compute_snapshot

from .conftest import run

pytestmark = pytest.mark.django_db


def read(path):
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_export_round_trips_through_import(polis_dir, tmp_path):
    out, _err = run(
        "import_polis", str(polis_dir / "london.youth.policing"), "--into", "new:London"
    )
    scope = out.strip().splitlines()[-1]
    original = OpinionMap.objects.get()
    compute_snapshot(original, seed=3)
    run("export_opinion_map", "--scope", scope, str(tmp_path / "export"))
    files = sorted(p.name for p in (tmp_path / "export").iterdir())
    assert files == ["comments.csv", "participants-votes.csv", "summary.csv", "votes.csv"]
    out, _err = run("import_polis", str(tmp_path / "export"), "--into", "new:Again")
    copy = OpinionMap.objects.get(pk=int(out.strip().splitlines()[-1].split(":")[1]))
    assert copy.statements.count() == original.statements.count()
    assert copy.statements.filter(state=StatementState.MODERATED_OUT).count() == 3
    first, second = compute_result(original, seed=3), compute_result(copy, seed=3)
    assert sorted(first["group_informed_consensus"].values()) == pytest.approx(
        sorted(second["group_informed_consensus"].values())
    )
    assert sorted(len(g["members"]) for g in first["groups"]) == sorted(
        len(g["members"]) for g in second["groups"]
    )
    rows = read(tmp_path / "export" / "participants-votes.csv")
    assert {r["group-id"] for r in rows} - {""}  # groups from the snapshot
    # agrees count latest votes
    comments = read(tmp_path / "export" / "comments.csv")
    votes = read(tmp_path / "export" / "votes.csv")
    for comment in comments:
        mine = [v["vote"] for v in votes if v["comment-id"] == comment["comment-id"]]
        assert int(comment["agrees"]) == mine.count("1")


def test_export_is_anonymised(tmp_path):
    user = get_user_model().objects.create_user(email="resident@example.org", password="x" * 12)
    opinion_map = OpinionMap.objects.create(title="Parks", question="What should parks do?")
    statement = Statement.objects.create(
        map=opinion_map, text="More benches", author=user, state=StatementState.ACCEPTED
    )
    resident = Participant.objects.create(map=opinion_map, user=user)
    imported = Participant.objects.create(map=opinion_map, external_id="alice-xid")
    cast_vote(resident, statement, 1)
    cast_vote(imported, statement, -1)
    run("export_opinion_map", "--scope", opinion_map.scope_string, str(tmp_path))
    text = "".join(p.read_text(encoding="utf-8") for p in tmp_path.iterdir())
    assert "alice-xid" not in text
    assert "resident@example.org" not in text
    assert sorted(r["voter-id"] for r in read(tmp_path / "votes.csv")) == ["0", "1"]
    comment = read(tmp_path / "comments.csv")[0]
    assert comment["comment-id"] == "0"
    # The author is written as their fresh participant id.
    assert comment["author-id"] in {"0", "1"}
