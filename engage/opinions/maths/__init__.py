"""The maths of opinion maps, written from Pol.is' published descriptions (see
docs/opinion-maps.md). `compute_opinion_map(matrix, seed)` is the whole pipeline; the
modules hold its steps: `matrix` (the vote matrix, who is in the conversation),
`projection` (imputation, PCA, scaling), `clustering` (k-means, silhouette, the two
levels) and `statistics` (representativeness, consensus, group-informed consensus).
"""

import numpy as np

from .clustering import group_participants
from .matrix import VoteMatrix, build_matrix, in_conversation
from .projection import impute_column_means, principal_components, project
from .statistics import consensus, group_counts, group_informed_consensus, representativeness

__all__ = ["VoteMatrix", "build_matrix", "compute_opinion_map", "in_conversation"]


def compute_opinion_map(matrix, seed=0, *, groups=None, keep=()):
    """The result of a map as a JSON-ready dict (the `opinion_map` command's contract,
    plus each in-conversation participant's coordinates under `projection`).

    `groups`, when given, is a list of (group id, [row indexes]) used instead of
    clustering (a published Pol.is grouping); otherwise the in-conversation participants
    are clustered with a generator seeded by `seed`. `keep`: rows that stay in the
    conversation whatever their vote count (permanent membership).
    """
    pids, sids = matrix.participant_ids, matrix.statement_ids
    members = in_conversation(matrix, keep=keep)
    projection = {}
    if groups is None:
        groups = []
        if len(members):
            sub = matrix.values[np.ix_(members, np.arange(len(sids)))]
            sub = np.where(matrix.active[np.newaxis, :], sub, 0.0)
            filled = impute_column_means(sub)
            components, centre = principal_components(filled)
            counts = matrix.votes_cast()[members]
            coordinates = project(filled, components, centre, counts, int(matrix.active.sum()))
            labels = group_participants(coordinates, np.random.default_rng(seed))
            groups = [(int(g), members[labels == g].tolist()) for g in np.unique(labels)]
            projection = {
                pids[row]: [round(float(x), 6), round(float(y), 6)]
                for row, (x, y) in zip(members, coordinates, strict=True)
            }
    rows_by_group = [rows for _gid, rows in groups]
    agree, disagree, votes = group_counts(matrix, rows_by_group)
    repness = representativeness(agree, disagree, votes, matrix.active)
    all_agree, all_disagree, all_votes = group_counts(matrix, [members])
    consensus_agree, consensus_disagree = consensus(
        all_agree[0], all_disagree[0], all_votes[0], matrix.active
    )
    informed = group_informed_consensus(agree, votes, matrix.active)
    return {
        "participants": int((matrix.votes_cast() > 0).sum()),
        "in_conversation": [pids[row] for row in members],
        "groups": [
            {
                "id": gid,
                "members": [pids[row] for row in rows],
                "repness": [
                    {"statement": sids[column], "repful": label, "repness": ratio}
                    for column, label, ratio in repness[index]
                ],
            }
            for index, (gid, rows) in enumerate(groups)
        ],
        "consensus": {
            "agree": [sids[c] for c in consensus_agree],
            "disagree": [sids[c] for c in consensus_disagree],
        },
        "group_informed_consensus": {sids[c]: value for c, value in informed.items()},
        "seed": seed,
        "projection": projection,
    }
