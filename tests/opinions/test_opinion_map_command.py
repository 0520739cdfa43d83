"""`opinion_map` on the two shared conversations: Pol.is' own groups reproduced with
--groups-from, clustering stable across seeds, the JSON contract."""

import csv
import json

import pytest
from django.core.management.base import CommandError

from engage.opinions.models import OpinionMap
from engage.opinions.services import cast_vote, compute_snapshot

from .conftest import CONVERSATIONS, run
from .test_import_polis import latest_votes

pytestmark = pytest.mark.django_db


def imported(folder, title):
    out, _err = run("import_polis", str(folder), "--into", f"new:{title}")
    return out.strip().splitlines()[-1]


def opinion_map_json(*args):
    out, _err = run("opinion_map", *args)
    return json.loads(out)


def group_informed_consensus_by_hand(folder):
    """Π over Pol.is' groups of (agrees + 1) ÷ (votes + 2), from votes.csv and the
    group-id column, for every comment not moderated out."""
    with open(folder / "participants-votes.csv", encoding="utf-8") as handle:
        group_of = {
            r["participant"]: r["group-id"] for r in csv.DictReader(handle) if r["group-id"]
        }
    with open(folder / "comments.csv", encoding="utf-8") as handle:
        comments = [r["comment-id"] for r in csv.DictReader(handle) if r["moderated"] != "-1"]
    votes = latest_votes(folder)
    expected = {}
    for comment in comments:
        product = 1.0
        for group in set(group_of.values()):
            cast = [
                v
                for (voter, c), v in votes.items()
                if c == comment and group_of.get(voter) == group
            ]
            product *= (cast.count(1) + 1) / (len(cast) + 2)
        expected[comment] = product
    return expected


@pytest.mark.parametrize("name", CONVERSATIONS)
def test_polis_groups_give_the_group_informed_consensus_recomputed_by_hand(polis_dir, name):
    folder = polis_dir / name
    scope = imported(folder, name)
    result = opinion_map_json(
        "--scope",
        scope,
        "--format",
        "json",
        "--groups-from",
        str(folder / "participants-votes.csv"),
    )
    expected = group_informed_consensus_by_hand(folder)
    assert set(result["group_informed_consensus"]) == set(expected)
    for comment, value in expected.items():
        assert result["group_informed_consensus"][comment] == pytest.approx(value, rel=1e-12)
    with open(folder / "participants-votes.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(g["id"] for g in result["groups"]) == sorted(
        {int(r["group-id"]) for r in rows if r["group-id"]}
    )
    for group in result["groups"]:
        members = {r["participant"] for r in rows if r["group-id"] == str(group["id"])}
        assert set(group["members"]) == members


@pytest.mark.parametrize("name", CONVERSATIONS)
def test_clustering_is_stable_across_seeds(polis_dir, name):
    scope = imported(polis_dir / name, name)
    partitions = set()
    for seed in (0, 1, 2, 3):
        result = opinion_map_json("--scope", scope, "--format", "json", "--seed", str(seed))
        assert len(result["groups"]) >= 2
        partitions.add(frozenset(frozenset(g["members"]) for g in result["groups"]))
    assert len(partitions) == 1


def test_json_contract(polis_dir):
    scope = imported(polis_dir / "london.youth.policing", "London")
    result = opinion_map_json("--scope", scope, "--format", "json", "--seed", "4")
    assert set(result) == {
        "participants",
        "in_conversation",
        "groups",
        "consensus",
        "group_informed_consensus",
    }
    assert result["participants"] == 26
    assert all(isinstance(pid, str) for pid in result["in_conversation"])
    members = [m for g in result["groups"] for m in g["members"]]
    assert sorted(members) == sorted(result["in_conversation"])
    for group in result["groups"]:
        assert isinstance(group["id"], int)
        for item in group["repness"]:
            assert set(item) == {"statement", "repful", "repness"}
            assert item["repful"] in ("agree", "disagree")
    # Moderated-out comments 0, 2, 3 are nowhere.
    assert {"0", "2", "3"}.isdisjoint(result["group_informed_consensus"])
    assert set(result["consensus"]) == {"agree", "disagree"}
    again = opinion_map_json("--scope", scope, "--format", "json", "--seed", "4")
    assert again == result


def test_groups_from_unknown_participant_and_unknown_map_are_refused(polis_dir, tmp_path):
    scope = imported(polis_dir / "london.youth.policing", "London")
    groups = tmp_path / "participants-votes.csv"
    groups.write_text("participant,group-id\n1,0\nstranger,1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="stranger"):
        run("opinion_map", "--scope", scope, "--groups-from", str(groups))
    groups.write_text("participant\n1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 1"):
        run("opinion_map", "--scope", scope, "--groups-from", str(groups))
    with pytest.raises(CommandError):
        run("opinion_map", "--scope", "map:999999")


def test_snapshot_records_seed_and_keeps_members_in(polis_dir):
    imported(polis_dir / "london.youth.policing", "London")
    opinion_map = OpinionMap.objects.get()
    first = compute_snapshot(opinion_map, seed=11)
    assert first.seed == 11 and first.result["seed"] == 11
    # Moderating statements out lowers everyone's count; members stay in.
    opinion_map.statements.update(state="out")
    second = compute_snapshot(opinion_map, seed=11)
    assert set(first.result["in_conversation"]) <= set(second.result["in_conversation"])


def test_cast_vote_replaces_the_earlier_vote(polis_dir):
    imported(polis_dir / "london.youth.policing", "London")
    opinion_map = OpinionMap.objects.get()
    participant = opinion_map.participants.get(external_id="1")
    statement = opinion_map.statements.get(external_id="20")
    cast_vote(participant, statement, 1)
    cast_vote(participant, statement, -1)
    assert list(participant.votes.filter(statement=statement).values_list("value", flat=True)) == [
        -1
    ]
    with pytest.raises(ValueError):
        cast_vote(participant, statement, 2)
