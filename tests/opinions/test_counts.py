"""The live counts stored with a snapshot: counted in memory from the votes the
recomputation has already read, they must equal the GROUP BY query the page uses when
a snapshot has none."""

import pytest

from engage.opinions.live.counts import vote_counts
from engage.opinions.models import Participant, Snapshot, StatementState, Vote
from engage.opinions.services import read_votes, snapshot_result
from engage.opinions.tasks import store_snapshot

from .live_fixtures import grouped_map

pytestmark = pytest.mark.django_db


def test_counts_from_the_votes_read_once_equal_the_query():
    opinion_map, statements, _people = grouped_map(per_group=10, statements=7)
    # A participant in no group (one vote only) and a moderated-out statement.
    loner = Participant.objects.create(map=opinion_map)
    Vote.objects.create(participant=loner, statement=statements[0], value=-1)
    statements[1].state = StatementState.MODERATED_OUT
    statements[1].save(update_fields=["state"])

    votes = read_votes(opinion_map)
    result, _seed = snapshot_result(opinion_map, votes=votes)
    assert len(result["groups"]) >= 2

    in_memory = vote_counts(opinion_map, result, votes=votes)
    queried = vote_counts(opinion_map, result)
    assert in_memory == queried
    assert sum(sum(cell) for cell in in_memory["totals"].values()) == len(votes)
    assert in_memory["totals"][str(statements[0].pk)][1] >= 1


def test_store_snapshot_writes_one_row_with_its_counts():
    opinion_map, _statements, _people = grouped_map(per_group=6)
    snapshot = store_snapshot(opinion_map)
    stored = Snapshot.objects.get(pk=snapshot.pk)
    assert stored.result["counts"] == vote_counts(opinion_map, stored.result)
    assert "as_of" in stored.result
    assert Snapshot.objects.filter(map=opinion_map).count() == 1


def test_counts_of_a_map_without_votes_are_empty():
    opinion_map, _statements, _people = grouped_map(groups=0)
    votes = read_votes(opinion_map)
    assert vote_counts(opinion_map, {"groups": []}, votes=votes) == {"totals": {}, "groups": {}}
