"""Reads for a consultation's public outcome page ("you said, we did").

Only aggregates: how many people took part (the participation ledger plus offline
participants), how many comments each proposal drew, and reaction totals. No names.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from engage.communities.models import OfflineParticipant, Participation
from engage.communities.scopes import Scope

from .models import Comment, CommentStatus

REACTION_VALUES = ("support", "oppose", "unsure")


@dataclass
class HeardOn:
    """What was heard on one proposal (or in the general discussion: proposal None)."""

    proposal: object
    comments: int = 0
    reactions: dict = field(default_factory=dict)

    @property
    def reaction_total(self):
        return sum(self.reactions.values())


@dataclass
class OutcomeSummary:
    participants: int
    online_participants: int
    offline_participants: int
    comments: int
    heard: list
    has_reactions: bool


def participant_count(consultation):
    """(online, offline) people who took part: one ledger row per person per scope."""
    scope = Scope.of("consultation", consultation.pk)
    online = Participation.objects.in_scope(scope).count()
    offline = OfflineParticipant.objects.in_scope(scope).count()
    return online, offline


def reaction_totals(consultation):
    """{proposal id or None: {value: count}} for reactions on proposals (not comments)."""
    from consultations.engagement.models import Reaction

    rows = Reaction.objects.filter(consultation_id=consultation.pk, comment__isnull=True)
    totals = {}
    for row in rows.order_by().values("proposal_id", "value").annotate(count=Count("pk")):
        totals.setdefault(row["proposal_id"], {})[row["value"]] = row["count"]
    return totals


def outcome_summary(consultation):
    """Everything the outcome page shows, in a constant number of queries."""
    online, offline = participant_count(consultation)
    published = Q(status=CommentStatus.PUBLISHED)
    counts = dict(
        Comment.objects.for_consultation(consultation)
        .filter(published)
        .order_by()
        .values_list("proposal_id")
        .annotate(count=Count("pk"))
        .values_list("proposal_id", "count")
    )
    reactions = reaction_totals(consultation)
    proposals = list(consultation.proposals.all())
    heard = [
        HeardOn(
            proposal=proposal,
            comments=counts.get(proposal.pk, 0),
            reactions=_ordered((reactions or {}).get(proposal.pk, {})),
        )
        for proposal in proposals
    ]
    if counts.get(None) or not proposals:
        heard.append(
            HeardOn(
                proposal=None,
                comments=counts.get(None, 0),
                reactions=_ordered((reactions or {}).get(None, {})),
            )
        )
    return OutcomeSummary(
        participants=online + offline,
        online_participants=online,
        offline_participants=offline,
        comments=sum(counts.values()),
        heard=heard,
        has_reactions=bool(reactions),
    )


def _ordered(reactions):
    """Support, oppose, unsure first (always present), then any other value."""
    ordered = {value: reactions.get(value, 0) for value in REACTION_VALUES}
    ordered.update({k: v for k, v in reactions.items() if k not in ordered})
    return ordered
