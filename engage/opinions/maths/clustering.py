"""Weighted k-means with k-means++ seeding, the silhouette, and Pol.is' two-level
clustering: base clusters of participants, then opinion groups of base clusters.

Every random choice comes from one `numpy.random.Generator` built from the map's seed,
so the same votes and seed give the same groups.
"""

import numpy as np

BASE_CLUSTERS = 100
MAX_GROUPS = 5
RESTARTS = 50
# Fewer starts for the participant-level step of large conversations (never below 10),
# where each start costs in proportion to the participants.
PARTICIPANT_START_BUDGET = 50_000
BASE_RESTARTS = 2
MAX_ITERATIONS = 100


def _squared_distances(points, centres):
    # |x|² − 2x·c + |c|², a matrix product: far faster than broadcasting the differences.
    squared = (
        (points**2).sum(axis=1)[:, np.newaxis]
        - 2 * points @ centres.T
        + (centres**2).sum(axis=1)[np.newaxis, :]
    )
    return np.maximum(squared, 0.0)


def _plus_plus(points, weights, k, rng):
    """k-means++ seeding: each next centre drawn with probability proportional to its
    weight times its squared distance to the nearest centre chosen so far."""
    first = rng.choice(len(points), p=weights / weights.sum())
    centres = [points[first]]
    nearest = _squared_distances(points, np.array(centres))[:, 0]
    for _ in range(1, k):
        mass = weights * nearest
        if mass.sum() <= 0:
            break
        chosen = rng.choice(len(points), p=mass / mass.sum())
        centres.append(points[chosen])
        nearest = np.minimum(nearest, _squared_distances(points, points[[chosen]])[:, 0])
    return np.array(centres)


def _lloyd(points, weights, centres):
    """Lloyd's iterations from `centres`; empty clusters are dropped. Returns (labels,
    centres, inertia) with labels numbered 0..len(centres)-1."""
    labels = None
    for _ in range(MAX_ITERATIONS):
        new_labels = _squared_distances(points, centres).argmin(axis=1)
        used = np.unique(new_labels)
        if len(used) < len(centres):
            centres = centres[used]
            new_labels = np.searchsorted(used, new_labels)
        if labels is not None and np.array_equal(labels, new_labels):
            break
        labels = new_labels
        totals = np.zeros_like(centres)
        np.add.at(totals, labels, points * weights[:, np.newaxis])
        mass = np.bincount(labels, weights=weights, minlength=len(centres))
        centres = totals / mass[:, np.newaxis]
    inertia = float((weights * ((points - centres[labels]) ** 2).sum(axis=1)).sum())
    return labels, centres, inertia


def kmeans(points, k, rng, *, weights=None, restarts=RESTARTS, candidates=()):
    """(labels, centres) of the weighted k-means of `points` with at most `k` clusters,
    the best (lowest inertia; the first among equals) of `restarts` k-means++ starts.

    Labels are renumbered by each cluster's first point, so equal partitions have equal
    labels whatever order the centres were found in.
    """
    points = np.asarray(points, dtype=float)
    weights = np.ones(len(points)) if weights is None else np.asarray(weights, dtype=float)
    k = min(k, len(np.unique(points, axis=0)))
    best = None
    for candidate in candidates:  # (labels, centres, inertia) found by the caller
        if best is None or candidate[2] < best[2] - 1e-12:
            best = candidate
    for _ in range(restarts):
        labels, centres, inertia = _lloyd(points, weights, _plus_plus(points, weights, k, rng))
        if best is None or inertia < best[2] - 1e-12:
            best = (labels, centres, inertia)
    labels, centres, _inertia = best
    _first, order = np.unique(labels, return_index=True)
    ranking = np.argsort(order, kind="stable")  # cluster ids by their first point
    renumber = np.empty_like(ranking)
    renumber[ranking] = np.arange(len(ranking))
    return renumber[labels], centres[ranking]


def weighted_silhouette(points, labels, weights):
    """The mean silhouette of a partition of participants who sit at `points` (base
    cluster centres) with multiplicities `weights`, computed exactly without expanding
    them: a participant's distance to the others of its own base cluster is 0.

    For a base i in group C: a = Σ_{j in C} w_j d_ij ÷ (W_C − 1), b = min over the other
    groups D of Σ_{j in D} w_j d_ij ÷ W_D, s = (b − a) ÷ max(a, b) (0 when W_C = 1 or
    a = b = 0); the result is Σ w_i s_i ÷ Σ w_i.
    """
    distances = np.sqrt(_squared_distances(points, points))
    groups = np.unique(labels)
    if len(groups) < 2:
        return 0.0
    sums = np.stack(
        [(distances[:, labels == g] * weights[labels == g]).sum(axis=1) for g in groups]
    )
    sizes = np.array([weights[labels == g].sum() for g in groups])
    own = np.searchsorted(groups, labels)
    columns = np.arange(len(points))
    a = sums[own, columns] / np.maximum(sizes[own] - 1, 1)
    others = sums / sizes[:, np.newaxis]
    others[own, columns] = np.inf
    b = others.min(axis=0)
    largest = np.maximum(a, b)
    scores = np.divide(b - a, largest, out=np.zeros_like(a), where=largest > 0)
    scores[sizes[own] <= 1] = 0.0
    return float((weights * scores).sum() / weights.sum())


def group_participants(coordinates, rng):
    """Pol.is' two-level clustering of participants at `coordinates` (n × 2).

    1. Base clusters: k-means with k = min(100, distinct points).
    2. Groups: weighted k-means of the base centres (weight = members) for every k from
       2 to min(5, 2 + bases ÷ 12) (integer division) and at most the number of bases;
       the k with the highest silhouette wins, the smaller k among equals.

    Returns a group label per participant (0..k-1, numbered by first member), or all
    zeros when the participants cannot be split (fewer than two distinct points).
    """
    n = len(coordinates)
    if n == 0:
        return np.zeros(0, dtype=np.intp)
    base_labels, base_centres = kmeans(coordinates, BASE_CLUSTERS, rng, restarts=BASE_RESTARTS)
    bases = len(base_centres)
    if bases < 2:
        return np.zeros(n, dtype=np.intp)
    base_weights = np.bincount(base_labels, minlength=bases).astype(float)
    best = None
    for k in range(2, min(MAX_GROUPS, 2 + bases // 12, bases) + 1):
        labels, _centres = kmeans(base_centres, k, rng, weights=base_weights)
        score = weighted_silhouette(base_centres, labels, base_weights)
        if best is None or score > best[0] + 1e-12:
            best = (score, labels)
    k = len(np.unique(best[1]))
    refined = _lloyd(coordinates, np.ones(n), _centres_of(coordinates, best[1][base_labels]))
    # The groups are then settled at the level of participants: the refinement of the
    # base-level groups and RESTARTS k-means++ starts with the chosen k, the lowest
    # inertia winning. Base clusters fall differently with each seed; taking the best
    # participant-level optimum keeps borderline participants in the same group.
    restarts = max(10, min(RESTARTS, PARTICIPANT_START_BUDGET // n))
    labels, _centres = kmeans(coordinates, k, rng, restarts=restarts, candidates=[refined])
    return labels


def _centres_of(points, labels):
    return np.array([points[labels == g].mean(axis=0) for g in np.unique(labels)])
