"""Comments on briefs and suggested changes as analysed resident texts
(`engage.insights.registry`). Imported by `BriefsConfig.ready()`.

They count in their co-design session, the consultation it frames (with its area and
policy area) and the city. Neither is moderated content, so an abuse flag on them is
counted in the aggregates but does not reach the moderation queue.
"""

from consultations.insights import consultation_scopes
from engage.insights.registry import register_target

from .models import BriefComment, BriefSuggestion

RELATED = ("brief__session__consultation__area", "brief__session__consultation__policy_area")


def brief_scopes(item):
    session = item.brief.session
    return {"session": session.pk, **consultation_scopes(session.consultation)}


def suggestion_text(suggestion):
    """The proposed wording and the reason given for it."""
    return "\n\n".join(part for part in (suggestion.replacement, suggestion.note) if part)


register_target(
    BriefComment,
    kind="brief_comment",
    author=lambda item: item.author_id,
    text=lambda comment: comment.body,
    scopes=brief_scopes,
    visible=lambda comment: True,
    queryset=lambda: BriefComment.objects.select_related(*RELATED),
    watched_fields={"body"},
)
register_target(
    BriefSuggestion,
    kind="brief_suggestion",
    author=lambda item: item.author_id,
    text=suggestion_text,
    scopes=brief_scopes,
    visible=lambda suggestion: True,
    queryset=lambda: BriefSuggestion.objects.select_related(*RELATED),
    watched_fields={"replacement", "note"},
)
