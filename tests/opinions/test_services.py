"""`vote_matrix` reads every latest vote into the right cell (binary COPY on PostgreSQL)."""

import numpy as np
import pytest

from engage.opinions.models import OpinionMap, Participant, Statement, StatementState, Vote
from engage.opinions.services import cast_vote, vote_matrix

pytestmark = pytest.mark.django_db


def test_vote_matrix_matches_the_votes():
    opinion_map = OpinionMap.objects.create(title="Parks")
    statements = [
        Statement.objects.create(map=opinion_map, external_id=str(j), text=f"S{j}", state=state)
        for j, state in enumerate(
            [StatementState.ACCEPTED, StatementState.MODERATED_OUT, StatementState.UNMODERATED]
        )
    ]
    people = [Participant.objects.create(map=opinion_map, external_id=x) for x in ("10", "9", "b")]
    cast_vote(people[0], statements[0], 1)
    cast_vote(people[0], statements[1], -1)
    cast_vote(people[1], statements[2], 0)
    cast_vote(people[2], statements[0], -1)
    cast_vote(people[2], statements[0], 1)  # replaces the -1
    matrix = vote_matrix(opinion_map)
    assert matrix.participant_ids == ["9", "10", "b"]  # numeric ids numerically
    assert matrix.statement_ids == ["0", "1", "2"]
    expected = np.array([[np.nan, np.nan, 0], [1, 0, np.nan], [1, np.nan, np.nan]])
    np.testing.assert_array_equal(matrix.values, expected)
    assert matrix.active.tolist() == [True, False, True]
    assert Vote.objects.count() == 4


def test_vote_matrix_of_a_map_without_votes():
    opinion_map = OpinionMap.objects.create(title="Empty")
    Statement.objects.create(map=opinion_map, text="Alone")
    matrix = vote_matrix(opinion_map)
    assert matrix.shape == (0, 1)
