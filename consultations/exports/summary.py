"""The figures of a consultation's "what we heard" summary, in a few aggregate queries.

Shared by the admin summary page (its sections), the PDF report and the JSON export.
Everything here is a count or an average: no names, no texts of pending, hidden or
removed comments, nothing per person.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import TruncDate
from django.utils import timezone

from consultations.engagement.models import Reaction, SurveyResponse
from consultations.models import Comment, CommentStatus
from consultations.outcome import participant_count
from engage.moderation.models import ModerationAction, Report

from .data import EXPORTED_STATUSES, GENERAL_DISCUSSION, REACTION_VALUES


@dataclass
class ProposalFigures:
    """One proposal (or the general discussion, `pk` None): its comments and reactions."""

    pk: int | None
    title: str
    comments: int = 0
    replies: int = 0
    withdrawn: int = 0
    reactions: dict = field(default_factory=dict)  # on the proposal itself, per value
    comment_reactions: dict = field(default_factory=dict)  # on its comments, per value


@dataclass
class Overview:
    participants: int
    offline_participants: int
    commenters: int
    comments: int  # published and withdrawn, as exported
    replies: int
    reactions: dict
    survey_responses: int


def participants(consultation):
    """People in the participation ledger for this consultation (online), and offline."""
    return participant_count(consultation)


def _reaction_counts(queryset):
    counts = dict(queryset.values("value").annotate(n=models.Count("pk")).values_list("value", "n"))
    return {value: counts.get(value, 0) for value in REACTION_VALUES}


def overview(consultation):
    comments = Comment.objects.for_consultation(consultation).filter(status__in=EXPORTED_STATUSES)
    totals = comments.aggregate(
        comments=models.Count("pk"),
        replies=models.Count("pk", filter=models.Q(parent__isnull=False)),
        commenters=models.Count(
            "author_id", distinct=True, filter=models.Q(status=CommentStatus.PUBLISHED)
        ),
    )
    online, offline = participants(consultation)
    reactions = _reaction_counts(Reaction.objects.filter(consultation=consultation))
    responses = SurveyResponse.objects.filter(survey__consultation=consultation).count()
    return Overview(
        participants=online,
        offline_participants=offline,
        commenters=totals["commenters"],
        comments=totals["comments"],
        replies=totals["replies"],
        reactions=reactions,
        survey_responses=responses,
    )


def proposal_figures(consultation):
    """A `ProposalFigures` per proposal, with the general discussion first when it has
    comments (or when there are no proposals). Three queries."""
    figures = {None: ProposalFigures(None, str(GENERAL_DISCUSSION))}
    for proposal in consultation.proposals.all():
        figures[proposal.pk] = ProposalFigures(proposal.pk, proposal.title)
    rows = (
        Comment.objects.for_consultation(consultation)
        .filter(status__in=EXPORTED_STATUSES)
        .values("proposal_id")
        .annotate(
            comments=models.Count("pk"),
            replies=models.Count("pk", filter=models.Q(parent__isnull=False)),
            withdrawn=models.Count("pk", filter=models.Q(status=CommentStatus.WITHDRAWN)),
        )
        .order_by()
    )
    for row in rows:
        target = figures.get(row["proposal_id"])
        if target is not None:
            target.comments = row["comments"]
            target.replies = row["replies"]
            target.withdrawn = row["withdrawn"]
    for target in figures.values():
        target.reactions = dict.fromkeys(REACTION_VALUES, 0)
        target.comment_reactions = dict.fromkeys(REACTION_VALUES, 0)
    on_proposals = (
        Reaction.objects.filter(
            consultation=consultation, proposal__isnull=False, comment__isnull=True
        )
        .values("proposal_id", "value")
        .annotate(n=models.Count("pk"))
        .order_by()
    )
    for row in on_proposals:
        if row["proposal_id"] in figures:
            figures[row["proposal_id"]].reactions[row["value"]] = row["n"]
    on_comments = (
        Reaction.objects.filter(
            comment__consultation=consultation, comment__status__in=EXPORTED_STATUSES
        )
        .values("comment__proposal_id", "value")
        .annotate(n=models.Count("pk"))
        .order_by()
    )
    for row in on_comments:
        if row["comment__proposal_id"] in figures:
            figures[row["comment__proposal_id"]].comment_reactions[row["value"]] = row["n"]
    general = figures.pop(None)
    result = list(figures.values())
    if general.comments or not result:
        result.insert(0, general)
    return result


def comments_per_day(consultation):
    """[(date, comments received that day, in any status)], in the site's time zone,
    with empty days filled in from the first to the last."""
    rows = (
        Comment.objects.for_consultation(consultation)
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_default_timezone()))
        .values("day")
        .annotate(n=models.Count("pk"))
        .order_by("day")
        .values_list("day", "n")
    )
    counts = dict(rows)
    if not counts:
        return []
    first, last = min(counts), max(counts)
    days = []
    day = first
    while day <= last:
        days.append((day, counts.get(day, 0)))
        day += datetime.timedelta(days=1)
    return days


@dataclass
class ModerationFigures:
    statuses: list  # [(status value, label, count)]
    reports: int = 0  # residents' reports on the consultation's comments
    actions: list = field(default_factory=list)  # [(label, count)]


def moderation_figures(consultation):
    """Comments by moderation status, and reports and moderator actions on them."""
    counts = dict(
        Comment.objects.for_consultation(consultation)
        .values("status")
        .annotate(n=models.Count("pk"))
        .order_by()
        .values_list("status", "n")
    )
    figures = ModerationFigures(
        statuses=[(value, label, counts.get(value, 0)) for value, label in CommentStatus.choices]
    )
    comment_type = ContentType.objects.get_for_model(Comment)
    comment_ids = Comment.objects.for_consultation(consultation).values("pk")
    figures.reports = Report.objects.filter(
        content_type=comment_type, object_id__in=comment_ids
    ).count()
    labels = dict(ModerationAction._meta.get_field("action").choices)
    figures.actions = [
        (labels.get(action, action), n)
        for action, n in ModerationAction.objects.filter(
            content_type=comment_type, object_id__in=comment_ids
        )
        .values("action")
        .annotate(n=models.Count("pk"))
        .order_by("-n", "action")
        .values_list("action", "n")
    ]
    return figures
