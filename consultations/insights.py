"""Comments (and replies) as analysed resident texts (`engage.insights.registry`).

Imported by `ConsultationsConfig.ready()`. A comment counts in its consultation, its
proposal, the consultation's area and policy area, and the city; only published comments
count in the aggregates.
"""

from engage.insights.registry import register_target
from engage.moderation.content import ContentStatus

from .models import Comment


def consultation_scopes(consultation):
    """The scopes every text written in `consultation` counts in (and its proposal's)."""
    if consultation is None:
        return {}
    return {
        "consultation": consultation.pk,
        "area": consultation.area.code if consultation.area_id else None,
        "policy_area": consultation.policy_area.slug if consultation.policy_area_id else None,
    }


def comment_scopes(comment):
    return {**consultation_scopes(comment.consultation), "proposal": comment.proposal_id}


register_target(
    Comment,
    kind="comment",
    author=lambda comment: comment.author_id,
    text=lambda comment: comment.body_text,
    language=lambda comment: comment.language or None,
    scopes=comment_scopes,
    visible=lambda comment: comment.status == ContentStatus.PUBLISHED,
    may_flag=lambda comment: comment.status in (ContentStatus.PENDING, ContentStatus.PUBLISHED),
    queryset=lambda: Comment.objects.select_related(
        "consultation__area", "consultation__policy_area"
    ),
    watched_fields={"body_text", "status", "language", "proposal", "consultation"},
)
