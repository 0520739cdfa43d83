"""Small-cell suppression for every count that leaves the database.

A table is a set of named counts and the sums that hold between them (`relations`:
a total and its parts). Counts below `SMALL_CELL_THRESHOLD` are hidden and shown as
"fewer than N" (primary suppression), zeros included, so that "fewer than N" means
0..N-1 to a reader; the only zeros shown are those the caller names `public` (a group
reported absent: a zero names nobody). Then, while any hidden non-zero small count
could be worked out from what is shown (the totals, the other cells, and the published
rules themselves: a "fewer than N" cell is 0..N-1, a "withheld" cell is N or more), the
next smallest visible count in the same sum is withheld too (secondary suppression).

"Could be worked out" is decided by bounds propagation over the sums, which is exact
for the tree-shaped tables reports publish (a grand total, subtotals, cells).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

VISIBLE = "visible"
SMALL = "small"  # primary: below the threshold
WITHHELD = "withheld"  # secondary: hidden so a small cell cannot be recovered
UNBOUNDED = 10**15


@dataclass(frozen=True)
class PublishedCount:
    """A count as published: `value` is None when suppressed; `label` is what to show."""

    value: int | None
    label: str
    state: str = VISIBLE

    @property
    def suppressed(self):
        return self.state != VISIBLE


def threshold():
    return settings.SMALL_CELL_THRESHOLD


def publish(value, state, limit=None):
    """The `PublishedCount` for a raw count in a given suppression state."""
    limit = threshold() if limit is None else limit
    if state == SMALL:
        return PublishedCount(
            None, str(_("fewer than %(threshold)s") % {"threshold": limit}), SMALL
        )
    if state == WITHHELD:
        return PublishedCount(None, str(_("withheld")), WITHHELD)
    return PublishedCount(value, str(value), VISIBLE)


def _bounds(counts, states, limit, ceiling):
    bounds = {}
    for name, value in counts.items():
        state = states[name]
        if state == VISIBLE:
            bounds[name] = (value, value)
        elif state == SMALL:
            bounds[name] = (0, limit - 1)
        else:
            bounds[name] = (limit, ceiling)
    return bounds


def feasible_ranges(counts, states, relations, limit=None):
    """What a reader can deduce about each count: (lowest, highest) consistent with the
    published table, the sums and the suppression rules. Bounds propagation to a fixed
    point."""
    limit = threshold() if limit is None else limit
    ceiling = max([UNBOUNDED, *counts.values()])
    bounds = _bounds(counts, states, limit, ceiling)
    changed = True
    rounds = 0
    while changed and rounds < 1000:
        changed = False
        rounds += 1
        for total, parts in relations:
            low_sum = sum(bounds[part][0] for part in parts)
            high_sum = sum(bounds[part][1] for part in parts)
            t_low, t_high = bounds[total]
            new_total = (max(t_low, low_sum), min(t_high, high_sum))
            if new_total != bounds[total]:
                bounds[total] = new_total
                changed = True
            t_low, t_high = bounds[total]
            for part in parts:
                p_low, p_high = bounds[part]
                others_low = low_sum - p_low
                others_high = high_sum - p_high
                new_part = (max(p_low, t_low - others_high), min(p_high, t_high - others_low))
                if new_part != bounds[part]:
                    bounds[part] = new_part
                    low_sum += new_part[0] - p_low
                    high_sum += new_part[1] - p_high
                    changed = True
    return bounds


def _exposed(counts, states, relations, limit):
    """Hidden small counts a reader could pin down to one value."""
    ranges = feasible_ranges(counts, states, relations, limit)
    return [
        name
        for name, state in states.items()
        if state == SMALL and counts[name] > 0 and ranges[name][0] >= ranges[name][1]
    ]


def suppress(counts, relations=(), limit=None, protected=(), withheld=(), public=()):
    """Suppression states for a table: {name: VISIBLE | SMALL | WITHHELD}.

    `counts` maps names to raw counts; `relations` lists (total, [parts]) sums that
    hold between them. `protected` names are chosen for secondary suppression only when
    nothing else can protect a small count (a grand total shared with other tables:
    the caller must then withhold it everywhere, passing it in `withheld`). `public`
    names zero counts that are shown as they are (absent groups).
    """
    limit = threshold() if limit is None else limit
    states = {
        name: SMALL if value < limit and not (value == 0 and name in public) else VISIBLE
        for name, value in counts.items()
    }
    for name in withheld:
        if states[name] == VISIBLE and counts[name] > 0:
            states[name] = WITHHELD
    relations = [(total, list(parts)) for total, parts in relations]
    while exposed := _exposed(counts, states, relations, limit):
        chosen = _next_to_withhold(exposed[0], counts, states, relations, protected)
        if chosen is None:
            chosen = _next_to_withhold(exposed[0], counts, states, relations, ())
        if chosen is None:
            break  # nothing left that could protect it; cannot happen for report tables
        states[chosen] = WITHHELD
    return states


def _next_to_withhold(cell, counts, states, relations, protected):
    """The visible count to withhold so that `cell` can no longer be worked out: the
    smallest non-zero part (else total) of a sum that holds `cell`; if every such sum is
    already hidden but for zeros, look one sum further through the hidden totals."""
    frontier, seen = {cell}, set()
    while frontier:
        seen |= frontier
        candidates, reached = [], set()
        for total, parts in relations:
            members = [total, *parts]
            if not frontier.intersection(members):
                continue
            for name in members:
                if states[name] != VISIBLE:
                    reached.add(name)
                elif counts[name] > 0 and name not in protected:
                    candidates.append((name == total, counts[name], name))
        if candidates:
            return min(candidates)[2]
        frontier = reached - seen
    return None
