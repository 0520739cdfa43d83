"""Who may do what with a brief: role × brief state × action, as one table."""

import pytest
import rules

from consultations.briefs import services

ROLES = ["anonymous", "outsider", "participant", "coauthor", "leader", "staff"]
MEMBERS = {"participant", "coauthor", "leader", "staff"}
COAUTHORS = {"coauthor", "leader", "staff"}

EXPECTED = {
    "drafting": {
        "view": MEMBERS,
        "comment": MEMBERS,
        "suggest": MEMBERS,
        "edit": COAUTHORS,
        "sign_off": set(),
        "mark_final": {"staff"},
        "reopen": set(),
        "publish": set(),
        "view_contributions": {"staff"},
    },
    "final": {
        "view": MEMBERS,
        "comment": MEMBERS,
        "suggest": set(),
        "edit": set(),
        "sign_off": {"coauthor", "leader"},
        "mark_final": set(),
        "reopen": {"staff"},
        "publish": {"staff"},
        "view_contributions": {"staff"},
    },
    "published": {
        "view": set(ROLES),
        "comment": set(),
        "suggest": set(),
        "edit": set(),
        "sign_off": set(),
        "mark_final": set(),
        "reopen": set(),
        "publish": set(),
        "view_contributions": {"staff"},
    },
}


@pytest.mark.parametrize("state", list(EXPECTED))
def test_brief_permission_matrix(world, session, state):
    brief = services.brief_for_session(session)
    brief.status = state
    brief.save()
    answers = {
        action: {role for role in ROLES if rules.test_rule(f"briefs.{action}", world[role], brief)}
        for action in EXPECTED[state]
    }
    assert answers == EXPECTED[state]


def test_a_published_brief_of_an_unpublished_consultation_stays_private(
    world, session, consultation
):
    consultation.unpublish()
    session.consultation = consultation
    session.save()
    brief = services.brief_for_session(session)
    brief.status = brief.Status.PUBLISHED
    brief.save()
    brief.session.consultation.refresh_from_db()
    assert not rules.test_rule("briefs.view", world["outsider"], brief)
    assert not rules.test_rule("briefs.view", world["anonymous"], brief)
    assert rules.test_rule("briefs.view", world["coauthor"], brief)


def test_a_revoked_leader_loses_the_brief(world, session):
    from engage.accounts.models import CommunityLeadership
    from engage.accounts.rules import forget_roles

    brief = services.brief_for_session(session)
    assert rules.test_rule("briefs.edit", world["leader"], brief)
    from django.utils import timezone

    CommunityLeadership.objects.filter(user=world["leader"]).update(revoked_at=timezone.now())
    forget_roles(world["leader"])
    assert not rules.test_rule("briefs.edit", world["leader"], brief)
