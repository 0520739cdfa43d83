"""Who may react and answer surveys.

Reacting and answering are taking part, so both build on `consultations.take_part`
(published, open, verified email). On top of that a reaction needs a target the person
can see (a proposal of that consultation, or a published comment), and an answer needs
a survey that staff have switched on.

`react_blocker` and `survey_blocker` say *why* someone cannot, so services and templates
can explain it; the rules are the yes/no form of the same checks.
"""

import rules

from consultations.models import Comment, CommentStatus, Proposal
from consultations.rules import TakePartBlocker, can_view_consultation, take_part_blocker


class EngagementBlocker:
    """Reasons beyond the consultation's own (TakePartBlocker values are used as is)."""

    TARGET_HIDDEN = "target_hidden"
    SURVEY_INACTIVE = "survey_inactive"


def consultation_of(target):
    """The ConsultationPage a proposal, comment or survey belongs to."""
    if isinstance(target, Proposal):
        return target.page
    return target.consultation


def target_is_visible(user, target):
    """A proposal of a consultation the user may view, or a published comment on one."""
    consultation = consultation_of(target)
    if not can_view_consultation(user, consultation):
        return False
    if isinstance(target, Comment):
        return target.status == CommentStatus.PUBLISHED
    return True


def react_blocker(user, target):
    """None when `user` may react to `target` (a Proposal or a Comment); otherwise a
    `TakePartBlocker` or `EngagementBlocker` value saying why not."""
    if not target_is_visible(user, target):
        return EngagementBlocker.TARGET_HIDDEN
    return take_part_blocker(user, consultation_of(target))


def survey_blocker(user, survey):
    """None when `user` may answer `survey`; otherwise why not."""
    if not survey.is_active or not can_view_consultation(user, survey.consultation):
        return EngagementBlocker.SURVEY_INACTIVE
    return take_part_blocker(user, survey.consultation)


@rules.predicate
def may_react(user, target):
    return target is not None and react_blocker(user, target) is None


@rules.predicate
def may_view_survey(user, survey):
    return (
        survey is not None
        and survey.is_active
        and bool(can_view_consultation(user, survey.consultation))
    )


@rules.predicate
def may_answer_survey(user, survey):
    return survey is not None and survey_blocker(user, survey) is None


rules.add_rule("engagement.react", may_react)
rules.add_rule("engagement.view_survey", may_view_survey)
rules.add_rule("engagement.answer_survey", may_answer_survey)

__all__ = ["EngagementBlocker", "TakePartBlocker", "react_blocker", "survey_blocker"]
