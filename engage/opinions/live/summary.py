"""What the live map shows, read from the newest snapshot: the opinion groups (their
shape and size, never a person), the statements each group agrees and disagrees with
(representative statements), consensus, group-informed consensus and areas of
uncertainty. `map_summary(opinion_map)` is the one entry point; the template renders
both the SVG and the table from it.

Areas of uncertainty: statements with at least `ENGAGE_OPINIONS_UNCERTAINTY_MIN_VOTES`
votes (default 5) of which a share of at least `ENGAGE_OPINIONS_UNCERTAINTY_SHARE`
(default 0.3) are passes, most passed first, at most five (docs/opinion-maps.md).
"""

import logging
import string
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from engage.communities.suppression import threshold
from engage.moderation.content import ContentStatus

from ..models import Statement, StatementState
from .counts import vote_counts
from .geometry import VIEW_SIZE, group_shapes

logger = logging.getLogger("engage.opinions")

LIST_LENGTH = 5
PATTERNS = ["stripes", "dots", "grid", "waves", "solid"]


def uncertainty_share():
    return float(getattr(settings, "ENGAGE_OPINIONS_UNCERTAINTY_SHARE", 0.3))


def uncertainty_min_votes():
    return int(getattr(settings, "ENGAGE_OPINIONS_UNCERTAINTY_MIN_VOTES", 5))


def percent(part, whole):
    return round(100 * part / whole) if whole else 0


@dataclass
class StatementLine:
    """One statement as listed: its text and language, and the shares of votes (of a
    group, or of everyone) that agreed, disagreed and passed."""

    pk: int
    text: str
    language: str
    votes: int = 0
    agree: int = 0
    disagree: int = 0
    passed: int = 0
    score: float | None = None

    @classmethod
    def of(cls, statement, counts, score=None):
        agree, disagree, passed = counts or (0, 0, 0)
        votes = agree + disagree + passed
        return cls(
            pk=statement.pk,
            text=statement.text,
            language=statement.language,
            votes=votes,
            agree=percent(agree, votes),
            disagree=percent(disagree, votes),
            passed=percent(passed, votes),
            score=score,
        )


@dataclass
class GroupSummary:
    """One opinion group: a letter, its size, how it is drawn and what sets it apart."""

    id: int
    letter: str
    size: int
    pattern: str
    shape: object = None
    agrees: list = field(default_factory=list)
    disagrees: list = field(default_factory=list)

    @property
    def name(self):
        return _("Group %(letter)s") % {"letter": self.letter}

    @property
    def anchor(self):
        return f"opinion-group-{self.letter.lower()}"


@dataclass
class MapSummary:
    """Everything the live map shows. `snapshot` is None before the first computation."""

    snapshot: object
    participants: int = 0
    in_conversation: int = 0
    groups: list = field(default_factory=list)
    consensus_agree: list = field(default_factory=list)
    consensus_disagree: list = field(default_factory=list)
    informed: list = field(default_factory=list)
    uncertain: list = field(default_factory=list)
    view_size: int = VIEW_SIZE
    uncertainty_percent: int = 30
    uncertainty_min_votes: int = 5


def _visible_statements(opinion_map):
    """{public id: Statement} of the statements anyone may read (published, not
    moderated out)."""
    rows = Statement.objects.filter(map=opinion_map, status=ContentStatus.PUBLISHED).exclude(
        state=StatementState.MODERATED_OUT
    )
    return {statement.public_id: statement for statement in rows}


def _lines(ids, statements, counts, scores=None):
    lines = []
    for sid in ids:
        statement = statements.get(str(sid))
        if statement is not None:
            score = scores.get(str(sid)) if scores else None
            lines.append(StatementLine.of(statement, counts.get(str(statement.pk)), score))
    return lines[:LIST_LENGTH]


def map_summary(opinion_map, snapshot=None):
    """The `MapSummary` of `opinion_map`'s newest snapshot (or of `snapshot`)."""
    snapshot = snapshot or opinion_map.snapshots.first()
    summary = MapSummary(
        snapshot=snapshot,
        uncertainty_percent=round(100 * uncertainty_share()),
        uncertainty_min_votes=uncertainty_min_votes(),
    )
    if snapshot is None:
        return summary
    result = snapshot.result or {}
    counts = result.get("counts") or _counts_of(opinion_map, snapshot)
    totals, by_group = counts.get("totals", {}), counts.get("groups", {})
    statements = _visible_statements(opinion_map)
    summary.participants = int(result.get("participants", 0))
    summary.in_conversation = len(result.get("in_conversation", []))
    groups = result.get("groups", [])
    shapes = group_shapes(groups, result.get("projection", {}), min_hull=threshold())
    for index, group in enumerate(groups):
        letters = string.ascii_uppercase
        group_counts = by_group.get(str(group["id"]), {})
        repness = group.get("repness", [])
        summary.groups.append(
            GroupSummary(
                id=group["id"],
                letter=letters[index % len(letters)],
                size=len(group.get("members", [])),
                pattern=PATTERNS[index % len(PATTERNS)],
                shape=shapes.get(group["id"]),
                agrees=_lines(
                    [r["statement"] for r in repness if r["repful"] == "agree"],
                    statements,
                    group_counts,
                ),
                disagrees=_lines(
                    [r["statement"] for r in repness if r["repful"] == "disagree"],
                    statements,
                    group_counts,
                ),
            )
        )
    consensus = result.get("consensus", {})
    summary.consensus_agree = _lines(consensus.get("agree", []), statements, totals)
    summary.consensus_disagree = _lines(consensus.get("disagree", []), statements, totals)
    informed = result.get("group_informed_consensus", {})
    ranked = sorted(informed, key=lambda sid: (-informed[sid], sid))
    summary.informed = _lines(ranked, statements, totals, scores=informed)
    summary.uncertain = _uncertain(statements, totals)
    return summary


def _counts_of(opinion_map, snapshot):
    """The vote counts of a snapshot stored without them (computed by a command rather
    than the task), counted once per snapshot and kept in the cache for an hour."""
    key = f"opinions:live-counts:{snapshot.pk}"
    try:
        counts = cache.get(key)
    except Exception:  # noqa: BLE001 - without the cache, count again
        counts = None
    if counts is None:
        counts = vote_counts(opinion_map, snapshot.result or {})
        try:
            cache.set(key, counts, timeout=3600)
        except Exception as error:  # noqa: BLE001 - the page shows all the same
            logger.warning("Opinion map counts of snapshot %s not cached: %s", snapshot.pk, error)
    return counts


def _uncertain(statements, totals):
    share, least = uncertainty_share(), uncertainty_min_votes()
    found = []
    for statement in statements.values():
        agree, disagree, passed = totals.get(str(statement.pk), (0, 0, 0))
        votes = agree + disagree + passed
        if votes >= least and passed / votes >= share:
            found.append((-passed / votes, statement.pk, statement))
    found.sort(key=lambda row: row[:2])
    return [StatementLine.of(s, totals.get(str(s.pk))) for _r, _pk, s in found[:LIST_LENGTH]]
