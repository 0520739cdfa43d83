"""Counts per group, representativeness, consensus and group-informed consensus.

Formulas (written from Pol.is' published descriptions, with its +1 smoothing):

- p_a = (n_a + 1) ÷ (n + 2): the smoothed share of a group's votes that agree
  (p_d likewise for disagree), n counting passes too;
- r_a = p_a(group) ÷ p_a(rest): representativeness, "rest" being the members of the
  other groups;
- the one-proportion test of p_a against ½: z = 2·√(n + 1)·((n_a + 1) ÷ (n + 1) − ½);
- the two-proportion test of the group against the rest, every count + 1:
  p1 = (a1 + 1) ÷ (n1 + 1), p2 = (a2 + 1) ÷ (n2 + 1),
  p = (a1 + a2 + 2) ÷ (n1 + n2 + 2), z = (p1 − p2) ÷ √(p(1 − p)(1 ÷ (n1 + 1) + 1 ÷ (n2 + 1)));
- significant at 90 % (one-sided): z > 1.2816.
"""

import numpy as np

Z_90 = 1.2816
TOP = 5


def group_counts(matrix, members_by_group):
    """(agree, disagree, votes) arrays, groups × statements, over each group's rows."""
    voted = matrix.voted.astype(float)
    # NaN compares unequal to everything, so unvoted cells are neither.
    agree = ((matrix.values == 1) & matrix.active).astype(float)
    disagree = ((matrix.values == -1) & matrix.active).astype(float)
    indicator = np.zeros((len(members_by_group), matrix.shape[0]))
    for g, rows in enumerate(members_by_group):
        indicator[g, rows] = 1.0
    return indicator @ agree, indicator @ disagree, indicator @ voted


def one_proportion_z(successes, n):
    """z of the smoothed share (successes + 1) ÷ (n + 1) against ½."""
    return 2 * np.sqrt(n + 1) * ((successes + 1) / (n + 1) - 0.5)


def two_proportion_z(successes_in, n_in, successes_out, n_out):
    """Pooled z of the smoothed shares of a group against the rest (every count + 1)."""
    s1, s2, n1, n2 = successes_in + 1, successes_out + 1, n_in + 1, n_out + 1
    pooled = (s1 + s2) / (n1 + n2)
    spread = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    difference = s1 / n1 - s2 / n2
    return np.divide(difference, spread, out=np.zeros_like(difference), where=spread > 0)


def smoothed_share(successes, n):
    return (successes + 1) / (n + 2)


def representativeness(agree, disagree, votes, active):
    """Per group, its representative statements: a list (one per group) of lists of
    (column, "agree"|"disagree", repness) with at most TOP items, best first.

    For each statement and direction d (agree, disagree): p_d, r_d = p_d ÷ p_d(rest),
    the one-proportion z of p_d against ½ and the two-proportion z of the group against
    the rest. A statement is representative in direction d when both tests are
    significant; it is listed once, in the direction of the larger two-proportion z
    (agree among equals), ranked by r_d·z2_d·p_d·z1_d; its repness is r_d.
    """
    total_agree, total_disagree, total_votes = agree.sum(0), disagree.sum(0), votes.sum(0)
    result = []
    for g in range(len(votes)):
        n_in, n_out = votes[g], total_votes - votes[g]
        candidates = []
        for label, own in (("agree", agree[g]), ("disagree", disagree[g])):
            rest = (total_agree if label == "agree" else total_disagree) - own
            p_in, p_out = smoothed_share(own, n_in), smoothed_share(rest, n_out)
            ratio = p_in / p_out
            z1 = one_proportion_z(own, n_in)
            z2 = two_proportion_z(own, n_in, rest, n_out)
            candidates.append((label, ratio, z1, z2, ratio * z2 * p_in * z1))
        (_a, ra, za1, za2, ma), (_d, rd, zd1, zd2, md) = candidates
        rows = []
        for column in np.flatnonzero(active):
            if za2[column] >= zd2[column]:
                label, ratio, z1, z2, metric = "agree", ra, za1, za2, ma
            else:
                label, ratio, z1, z2, metric = "disagree", rd, zd1, zd2, md
            if votes[g, column] > 0 and z1[column] > Z_90 and z2[column] > Z_90:
                rows.append((float(metric[column]), int(column), label, float(ratio[column])))
        rows.sort(key=lambda row: (-row[0], row[1]))
        result.append([(column, label, ratio) for _m, column, label, ratio in rows[:TOP]])
    return result


def consensus(agree, disagree, votes, active):
    """(agree, disagree): up to TOP columns each that the participants as a whole agree
    (disagree) with: p_d > ½ and its one-proportion z significant, ranked by p_d·z1_d,
    then column order."""
    lists = []
    for successes in (agree, disagree):
        p = smoothed_share(successes, votes)
        z1 = one_proportion_z(successes, votes)
        metric = p * z1
        columns = [int(c) for c in np.flatnonzero(active & (p > 0.5) & (z1 > Z_90) & (votes > 0))]
        columns.sort(key=lambda c: (-metric[c], c))
        lists.append(columns[:TOP])
    return tuple(lists)


def group_informed_consensus(agree, votes, active):
    """Π over groups of (agrees + 1) ÷ (votes + 2), per active statement (a dict
    column → float). `agree` and `votes` are groups × statements."""
    products = np.prod((agree + 1) / (votes + 2), axis=0)
    return {int(c): float(products[c]) for c in np.flatnonzero(active)}
