"""Which statement a participant is offered next, and their progress.

Only votable statements are offered (published and accepted). Statements the person
has not voted on come first, highest `priority` first (the lower id among equals). The
formula is documented in docs/opinion-maps.md ("Which statement comes next"):

    divisive    = 1 - |A - D| / (A + D + 2)
    new         = 2 ** (-hours since written / 24)
    under-voted = 1 / sqrt(1 + A + D + P)
    priority    = (1 + divisive) * (1 + new) * under-voted

with A, D and P the statement's agrees, disagrees and passes (latest votes).
"""

import logging
import math
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone

from .models import Statement, Vote

logger = logging.getLogger("engage.opinions")

NEW_HALF_LIFE_HOURS = 24
# How long a map's vote counts are reused for ordering (see `vote_counts`).
COUNTS_SECONDS = 30


def priority(agrees, disagrees, passes, age_hours):
    """The priority of a statement with these votes, written `age_hours` ago."""
    divisive = 1 - abs(agrees - disagrees) / (agrees + disagrees + 2)
    new = 2 ** (-max(0.0, age_hours) / NEW_HALF_LIFE_HOURS)
    under_voted = 1 / math.sqrt(1 + agrees + disagrees + passes)
    return (1 + divisive) * (1 + new) * under_voted


@dataclass
class Offer:
    """What the voting page shows: the statement to vote on (None when every votable
    statement has the person's vote), how many votable statements there are, how
    many of them the person voted on, and their votes {statement id: value}."""

    statement: Statement | None
    total: int
    voted: int
    votes: dict = field(default_factory=dict)

    @property
    def remaining(self):
        return self.total - self.voted

    @property
    def done(self):
        return self.statement is None

    @property
    def current_vote(self):
        """The person's vote on the offered statement (when changing one), or None."""
        return None if self.statement is None else self.votes.get(self.statement.pk)


def vote_counts(opinion_map):
    """{statement id: (agrees, disagrees, passes)} over the map's latest votes.

    One GROUP BY over the map's votes, kept in the cache for `COUNTS_SECONDS`: the order
    only needs the counts roughly, and a large map (half a million votes) would
    otherwise pay the aggregate on every page view. A cache failure only costs the
    query."""
    # The creation time makes the key unique to this map even where ids are reused (a
    # test database created afresh).
    key = f"opinions:counts:{int(opinion_map.pk)}:{opinion_map.created.timestamp()}"
    try:
        cached = cache.get(key)
    except Exception:  # any cache failure: count in the database
        logger.warning("Vote counts of map %s: cache unavailable", opinion_map.pk, exc_info=True)
        cached = None
    if cached is not None:
        return cached
    counts = {}
    rows = (
        Vote.objects.filter(statement__map=opinion_map)
        .order_by()
        .values_list("statement_id", "value")
        .annotate(n=Count("pk"))
    )
    for statement_id, value, n in rows:
        agrees, disagrees, passes = counts.get(statement_id, (0, 0, 0))
        if value == 1:
            agrees += n
        elif value == -1:
            disagrees += n
        else:
            passes += n
        counts[statement_id] = (agrees, disagrees, passes)
    try:
        cache.set(key, counts, timeout=COUNTS_SECONDS)
    except Exception:  # the next page view counts again
        logger.warning("Vote counts of map %s not cached", opinion_map.pk, exc_info=True)
    return counts


def votable_with_counts(opinion_map):
    """The map's votable statements, in id order, each with `agrees`, `disagrees` and
    `passes` set from `vote_counts`."""
    counts = vote_counts(opinion_map)
    statements = list(Statement.objects.votable().of_map(opinion_map).order_by("pk"))
    for statement in statements:
        statement.agrees, statement.disagrees, statement.passes = counts.get(
            statement.pk, (0, 0, 0)
        )
    return statements


def ranked(statements, *, now=None):
    """`statements` (annotated as `votable_with_counts`) by priority, highest first."""
    now = now or timezone.now()

    def key(statement):
        hours = (now - statement.created).total_seconds() / 3600
        score = priority(statement.agrees, statement.disagrees, statement.passes, hours)
        return (-score, statement.pk)

    return sorted(statements, key=key)


def offer_for(opinion_map, participant, *, chosen=None, now=None):
    """The `Offer` for `participant` (None: someone who has not voted yet).

    `chosen`, a statement id, asks for that statement (to change a vote) when it is
    votable on this map; otherwise the highest-priority unvoted statement is offered."""
    statements = votable_with_counts(opinion_map)
    votes = {}
    if participant is not None:
        votes = dict(
            Vote.objects.filter(participant=participant).values_list("statement_id", "value")
        )
    votable_ids = {statement.pk for statement in statements}
    votes = {pk: value for pk, value in votes.items() if pk in votable_ids}
    current = None
    if chosen is not None:
        current = next((s for s in statements if s.pk == chosen), None)
    if current is None:
        unvoted = [statement for statement in statements if statement.pk not in votes]
        ordered = ranked(unvoted, now=now)
        current = ordered[0] if ordered else None
    return Offer(statement=current, total=len(statements), voted=len(votes), votes=votes)
