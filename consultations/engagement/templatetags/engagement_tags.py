"""Template helpers for reaction buttons and survey links."""

from django import template

from consultations.models import CommentStatus

from ..models import Reaction, ReactionValue, Survey
from ..rules import react_blocker

register = template.Library()


@register.simple_tag(takes_context=True)
def reaction_state(context, target, kind):
    """What engagement/reactions.html needs for one proposal or comment: the buttons
    (value, label, count, pressed), whether the reader may press them, and where to come
    back to. Uses the `reaction_*` and `my_reaction` annotations of
    `models.with_reaction_counts` when present (no query); queries otherwise."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if kind == "comment" and target.status != CommentStatus.PUBLISHED:
        return {"shown": False}
    if hasattr(target, "reaction_support"):
        counts = {
            value: getattr(target, f"reaction_{value}") or 0 for value in ReactionValue.values
        }
        mine = getattr(target, "my_reaction", None)
    else:
        counts = Reaction.objects.counts_for(target)
        mine = (
            Reaction.objects.for_target(target)
            .filter(user=user)
            .values_list("value", flat=True)
            .first()
            if user is not None and user.is_authenticated
            else None
        )
    if "take_part_blocker" in context:
        # The page already knows whether the reader may take part: no query per target.
        can_react = context["take_part_blocker"] is None
    else:
        can_react = react_blocker(user, target) is None
    anchor = f"{kind}-{target.pk}"
    next_url = context.get("next") or (
        f"{request.get_full_path()}#{anchor}" if request is not None else ""
    )
    return {
        "shown": True,
        "can_react": can_react,
        "consultation_id": target.page_id if kind == "proposal" else target.consultation_id,
        "buttons": [
            {"value": value, "label": label, "count": counts[value], "pressed": mine == value}
            for value, label in ReactionValue.choices
        ],
        "next": next_url,
        "mine": mine,
    }


@register.simple_tag
def consultation_surveys(consultation):
    """Active surveys of `consultation`, in order: one query, or none on the consultation
    page, which reads them once with what else it shows alike to everyone and caches
    them (`consultations.page_context.about` leaves them on the page as
    `_active_surveys`)."""
    surveys = getattr(consultation, "_active_surveys", None)
    if surveys is not None:
        return surveys
    return list(Survey.objects.active().for_consultation(consultation))
