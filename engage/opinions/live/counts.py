"""How many agreed, disagreed and passed on each statement, overall and per opinion
group, for the live map's table (percentages beside the representative statements) and
its "areas of uncertainty". One GROUP BY query; stored in the snapshot
(`result["counts"]`) when the recomputation task computes it, so the page does not
count again on every view.
"""

import numpy as np
from django.db import connection
from django.db.models import Count

from ..models import Participant, Vote

# Each list is [agree, disagree, pass], the order of the stored JSON.
VALUE_INDEX = {1: 0, -1: 1, 0: 2}

# One scan of the map's votes: per group (NULL: in no group) and statement. The totals
# are the sums over every group and NULL.
GROUPED_SQL = """
WITH member(participant_id, group_id) AS (
    SELECT * FROM unnest(%s::bigint[], %s::int[])
)
SELECT m.group_id, v.statement_id, v.value, count(*)
FROM opinions_vote v
JOIN opinions_statement s ON s.id = v.statement_id
LEFT JOIN member m ON m.participant_id = v.participant_id
WHERE s.map_id = %s
GROUP BY m.group_id, v.statement_id, v.value
"""


def _participant_pks(opinion_map, groups):
    """[(participant pk, group id)] for the members of `groups` (public ids)."""
    wanted = {pid for group in groups for pid in group["members"]}
    pk_of = {}
    for pk, external in Participant.objects.filter(map=opinion_map).values_list(
        "pk", "external_id"
    ):
        public = external or str(pk)
        if public in wanted:
            pk_of[public] = pk
    return [
        (pk_of[pid], int(group["id"]))
        for group in groups
        for pid in group["members"]
        if pid in pk_of
    ]


def vote_counts(opinion_map, result, *, votes=None):
    """{"totals": {statement pk: [agree, disagree, pass]}, "groups": {group id:
    {statement pk: [...]}}} for the map's current votes and the groups of `result`.
    Keys are strings (JSON). `votes`: the map's votes already read
    (`services.read_votes`), counted in memory instead of by a second query."""
    totals = {}
    per_group = {str(group["id"]): {} for group in result.get("groups", [])}
    members = _participant_pks(opinion_map, result.get("groups", []))
    rows = _grouped_rows(opinion_map, members) if votes is None else _counted(votes, members)
    for group_id, statement_id, value, n in rows:
        index = VALUE_INDEX[value]
        totals.setdefault(str(statement_id), [0, 0, 0])[index] += n
        if group_id is not None:
            per_group[str(group_id)].setdefault(str(statement_id), [0, 0, 0])[index] += n
    return {"totals": totals, "groups": per_group}


def _grouped_rows(opinion_map, members):
    """(group id or None, statement pk, value, votes) rows."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                GROUPED_SQL,
                [[pk for pk, _g in members], [g for _pk, g in members], opinion_map.pk],
            )
            return cursor.fetchall()
    group_of = dict(members)
    rows = (
        Vote.objects.filter(statement__map=opinion_map)
        .values_list("participant_id", "statement_id", "value")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(group_of.get(p), s, v, n) for p, s, v, n in rows.iterator()]


def _counted(votes, members):
    """The rows of `_grouped_rows`, counted from votes already read (a structured array
    with participant, statement and value)."""
    if not len(votes):
        return []
    no_group = np.iinfo(np.int64).min
    participant = votes["participant"].astype(np.int64)
    group = np.full(len(votes), no_group, dtype=np.int64)
    if members:
        pks = np.array([pk for pk, _g in members], dtype=np.int64)
        ids = np.array([g for _pk, g in members], dtype=np.int64)
        order = np.argsort(pks)
        pks, ids = pks[order], ids[order]
        at = np.minimum(np.searchsorted(pks, participant), len(pks) - 1)
        found = pks[at] == participant
        group[found] = ids[at[found]]
    keys = np.stack(
        [group, votes["statement"].astype(np.int64), votes["value"].astype(np.int64)], axis=1
    )
    unique, counts = np.unique(keys, axis=0, return_counts=True)
    return [
        (None if g == no_group else int(g), int(s), int(v), int(n))
        for (g, s, v), n in zip(unique.tolist(), counts.tolist(), strict=True)
    ]
