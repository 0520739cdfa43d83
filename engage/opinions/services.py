"""Writes and computations on opinion maps: a vote (the latest replaces the earlier),
the vote matrix of a map, a computed result and its stored snapshot."""

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from .maths import build_matrix, compute_opinion_map
from .models import Participant, Snapshot, Statement, StatementState, Vote


def _id_order(public_id):
    return (0, int(public_id), "") if public_id.isdigit() else (1, 0, public_id)


def _positions(keys, position_of):
    """The position of each primary key in `keys` (an int array), by a sorted lookup."""
    if not position_of:
        return np.zeros(0, dtype=np.intp)
    known = np.array(sorted(position_of), dtype=np.int64)
    places = np.array([position_of[k] for k in known], dtype=np.intp)
    return places[np.searchsorted(known, keys)]


VOTES_SQL = (
    "SELECT v.participant_id, v.statement_id, v.value FROM opinions_vote v "
    "JOIN opinions_statement s ON s.id = v.statement_id WHERE s.map_id = %s"
)
# PostgreSQL packs every vote into one bytea (8 + 8 + 2 bytes, big-endian), which numpy
# decodes in one step: half a million votes arrive as one value instead of as half a
# million rows (or COPY messages), each costing Python work.
PACKED_VOTES_SQL = (
    "SELECT string_agg(int8send(v.participant_id::int8) || int8send(v.statement_id::int8)"
    " || int2send(v.value::int2), ''::bytea) FROM opinions_vote v "
    "JOIN opinions_statement s ON s.id = v.statement_id WHERE s.map_id = %s"
)
PACKED_VOTE = np.dtype([("participant", ">i8"), ("statement", ">i8"), ("value", ">i2")])


def _read_votes(map_id):
    """The map's votes as a structured array (participant, statement, value)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PACKED_VOTES_SQL, [map_id])
            packed = cursor.fetchone()[0]
            return np.frombuffer(bytes(packed or b""), dtype=PACKED_VOTE)
        cursor.execute(VOTES_SQL, [map_id])
        rows = cursor.fetchall()
    result = np.zeros(len(rows), dtype=PACKED_VOTE)
    if rows:
        columns = np.array(rows, dtype=np.int64)
        result["participant"], result["statement"], result["value"] = columns.T
    return result


def vote_matrix(opinion_map):
    """The `VoteMatrix` of a map: every participant (rows) and statement (columns) in
    id order (numeric ids numerically), the latest vote of each participant on each
    statement, moderated-out statements zeroed."""
    statements = sorted(
        Statement.objects.filter(map=opinion_map).values_list("pk", "external_id", "state"),
        key=lambda row: _id_order(row[1] or str(row[0])),
    )
    participants = sorted(
        Participant.objects.filter(map=opinion_map).values_list("pk", "external_id"),
        key=lambda row: _id_order(row[1] or str(row[0])),
    )
    column_of = {pk: index for index, (pk, _e, _s) in enumerate(statements)}
    row_of = {pk: index for index, (pk, _e) in enumerate(participants)}
    fetched = _read_votes(opinion_map.pk)
    rows = _positions(fetched["participant"], row_of)
    columns = _positions(fetched["statement"], column_of)
    values = fetched["value"].astype(float)
    out = [
        i for i, (_pk, _e, state) in enumerate(statements) if state == StatementState.MODERATED_OUT
    ]
    return build_matrix(
        [external or str(pk) for pk, external in participants],
        [external or str(pk) for pk, external, _s in statements],
        rows,
        columns,
        values,
        out=out,
    )


def compute_result(opinion_map, *, seed=None, groups=None):
    """The computed result (see `maths.compute_opinion_map`) of the map's current votes.

    `groups`: {group id: [participant ids]} to use instead of clustering; participants
    the map does not have raise KeyError. `seed` defaults to the map's seed.
    """
    matrix = vote_matrix(opinion_map)
    seed = opinion_map.seed if seed is None else seed
    grouping = None
    if groups is not None:
        row_of = {pid: index for index, pid in enumerate(matrix.participant_ids)}
        grouping = [
            (gid, sorted(row_of[pid] for pid in members)) for gid, members in groups.items()
        ]
    return compute_opinion_map(matrix, seed, groups=grouping)


def compute_snapshot(opinion_map, *, seed=None):
    """Compute the map from its votes and store the result as a new `Snapshot`.

    Participants in the previous snapshot's conversation stay in (Pol.is' permanent
    membership), even if moderation has since lowered their vote count."""
    seed = opinion_map.seed if seed is None else seed
    matrix = vote_matrix(opinion_map)
    previous = opinion_map.snapshots.first()
    keep = ()
    if previous is not None:
        row_of = {pid: index for index, pid in enumerate(matrix.participant_ids)}
        keep = [row_of[pid] for pid in previous.result.get("in_conversation", []) if pid in row_of]
    result = compute_opinion_map(matrix, seed, keep=keep)
    return Snapshot.objects.create(
        map=opinion_map, computed_at=timezone.now(), seed=seed, result=result
    )


@transaction.atomic
def cast_vote(participant, statement, value, *, when=None):
    """Record `participant`'s vote on `statement` (1 agree, -1 disagree, 0 pass); a
    vote on a statement already voted replaces the earlier one. Returns the Vote."""
    if value not in (-1, 0, 1):
        raise ValueError(value)
    if participant.map_id != statement.map_id:
        raise ValueError("The participant and the statement belong to different maps.")
    vote, _created = Vote.objects.update_or_create(
        participant=participant,
        statement=statement,
        defaults={"value": value, "voted_at": when or timezone.now()},
    )
    return vote
