"""The vote matrix and who is "in the conversation".

Participants are rows, statements columns; a cell is 1 (agree), -1 (disagree), 0 (pass)
or NaN (not voted). Columns of moderated-out statements are zeroed: the votes on them are
kept in the database but count for nothing here, not even towards a participant's
number of votes.
"""

from dataclasses import dataclass

import numpy as np

# Pol.is counts a participant once they have voted on this many statements (or on every
# statement, when there are fewer), and tops the clustered set up to this many people.
MIN_VOTES = 7
TOP_UP_TO = 15


@dataclass
class VoteMatrix:
    """`values` (participants × statements, float, NaN = not voted) with the ids of its
    rows and columns and which statements are active (not moderated out)."""

    participant_ids: list
    statement_ids: list
    values: np.ndarray
    active: np.ndarray

    @property
    def shape(self):
        return self.values.shape

    @property
    def voted(self):
        """Boolean matrix: a vote (agree, disagree or pass) on an active statement."""
        return ~np.isnan(self.values) & self.active[np.newaxis, :]

    def votes_cast(self):
        """Number of votes per participant on active statements (passes included)."""
        return self.voted.sum(axis=1)


def build_matrix(participant_ids, statement_ids, rows, columns, values, *, out=()):
    """The `VoteMatrix` of votes given as three parallel sequences (row index, column
    index, value); `out` holds the column indexes of moderated-out statements.

    Each (row, column) must appear once: callers pass the latest vote only.
    """
    matrix = np.full((len(participant_ids), len(statement_ids)), np.nan)
    if len(values):
        matrix[np.asarray(rows, dtype=np.intp), np.asarray(columns, dtype=np.intp)] = values
    active = np.ones(len(statement_ids), dtype=bool)
    active[list(out)] = False
    matrix[:, ~active] = np.where(np.isnan(matrix[:, ~active]), np.nan, 0.0)
    return VoteMatrix(list(participant_ids), list(statement_ids), matrix, active)


def in_conversation(matrix, *, top_up_to=TOP_UP_TO, keep=()):
    """Indexes (ascending) of the participants the groups are computed from.

    A participant is in when they voted on at least min(MIN_VOTES, active statements).
    When fewer than `top_up_to` are in, the participants with the most votes (at least
    one; ties by row order) are added until there are `top_up_to`. `keep` holds row
    indexes that stay in whatever their count (Pol.is' permanent membership, when a
    caller carries it over from an earlier snapshot).
    """
    counts = matrix.votes_cast()
    threshold = min(MIN_VOTES, int(matrix.active.sum()))
    members = set(np.flatnonzero((counts >= threshold) & (counts > 0)).tolist())
    members.update(int(index) for index in keep)
    if len(members) < top_up_to:
        # Stable sort on -count keeps row order among equals.
        for index in np.argsort(-counts, kind="stable"):
            if len(members) >= top_up_to or counts[index] == 0:
                break
            members.add(int(index))
    return np.array(sorted(members), dtype=np.intp)
