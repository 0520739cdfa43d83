"""The permission matrix: role × consultation state × action (react, answer, comment).

Only verified people may take part, and only while the consultation is open; moderators
and staff take part like anyone else (no special powers to react or answer)."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from consultations.models import ModerationMode, Proposal
from consultations.services import post_comment
from tests.factories import UserFactory, build_consultation, city_staff, moderator

from .conftest import build_survey

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": AnonymousUser,
    "unverified": lambda: UserFactory(verified=False),
    "resident": UserFactory,
    "moderator": moderator,
    "city_staff": city_staff,
}
STATES = {"upcoming": (3, 30), "open": (-3, 30), "closed": (-30, -3)}
MAY_TAKE_PART = {"resident", "moderator", "city_staff"}


def build_state(consultation_index, state):
    """A consultation in `state`, with a proposal, a published comment and a survey."""
    from consultations.models import Comment, CommentStatus

    opens, closes = STATES[state]
    page = build_consultation(
        consultation_index,
        title=state,
        slug=state,
        opens_in_days=opens,
        closes_in_days=closes,
        moderation_mode=ModerationMode.POST,
    )
    proposal = Proposal.objects.create(page=page, title=f"{state} option")
    comment = Comment.objects.create(
        consultation=page,
        proposal=proposal,
        author=UserFactory(),
        body_text="Hi",
        body_html="<p>Hi</p>",
        language="en",
        status=CommentStatus.PUBLISHED,
    )
    return {"page": page, "proposal": proposal, "comment": comment, "survey": build_survey(page)}


@pytest.mark.parametrize("state", STATES)
def test_permission_matrix(consultation_index, state):
    things = build_state(consultation_index, state)
    for role, make in ROLES.items():
        user = make()
        expected = role in MAY_TAKE_PART and state == "open"
        case = f"{role} in a {state} consultation"
        assert rules.test_rule("engagement.react", user, things["proposal"]) is expected, case
        assert rules.test_rule("engagement.react", user, things["comment"]) is expected, case
        assert rules.test_rule("engagement.answer_survey", user, things["survey"]) is expected, case
        assert rules.test_rule("consultations.take_part", user, things["page"]) is expected, case
        # Everyone may see the survey of a published consultation, whatever its state.
        assert rules.test_rule("engagement.view_survey", user, things["survey"]) is True, case


@pytest.mark.parametrize("role", ["anonymous", "resident", "moderator", "city_staff"])
def test_draft_consultation_is_visible_to_staff_and_moderators_only(consultation_index, role):
    page = build_consultation(consultation_index, title="Draft", slug="draft")
    page.unpublish()
    survey = build_survey(page)
    proposal = Proposal.objects.create(page=page, title="Draft option")
    user = ROLES[role]()
    assert rules.test_rule("engagement.view_survey", user, survey) is (
        role in {"moderator", "city_staff"}
    )
    assert rules.test_rule("engagement.answer_survey", user, survey) is False
    assert rules.test_rule("engagement.react", user, proposal) is False


def test_inactive_survey_is_hidden_from_everyone(open_consultation):
    survey = build_survey(open_consultation, is_active=False)
    for make in ROLES.values():
        assert rules.test_rule("engagement.view_survey", make(), survey) is False


def test_pending_comment_cannot_be_reacted_to_by_anyone(consultation):
    pending = post_comment(UserFactory(), consultation, "Pending.")
    for make in (UserFactory, moderator, city_staff):
        assert rules.test_rule("engagement.react", make(), pending) is False
    assert rules.test_rule("engagement.react", pending.author, pending) is False
