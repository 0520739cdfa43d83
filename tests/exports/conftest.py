"""Fixtures for exports and the "what we heard" summary (also used by tests/summary).

`heard` is a consultation with two proposals, a general discussion, comments in every
moderation status (with replies), reactions and a survey; people have names and email
addresses that must never appear in an export or in the summary's per-person parts.
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.utils import timezone

from consultations.models import Comment, CommentStatus, Proposal
from engage.policy.models import PartnerGrant
from tests import factories


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Export files in a temporary folder; reports cached in memory, fresh per test."""
    settings.EXPORT_ROOT = str(tmp_path / "exports")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "exports-tests",
        }
    }
    cache.clear()
    yield
    cache.clear()


@dataclass
class Heard:
    consultation: object
    proposals: list
    authors: list
    comments: dict = field(default_factory=dict)  # label -> Comment


def comment(
    consultation,
    author,
    proposal=None,
    parent=None,
    status=CommentStatus.PUBLISHED,
    text="A comment",
    minutes=0,
    language="en",
):
    return Comment.objects.create(
        consultation=consultation,
        proposal=proposal,
        parent=parent,
        depth=(parent.depth + 1) if parent else 0,
        author=author,
        body_text=text,
        body_html=f"<p>{text}</p>",
        language=language,
        status=status,
        created_at=timezone.now()
        - datetime.timedelta(days=3)
        + datetime.timedelta(minutes=minutes),
    )


@pytest.fixture
def heard(consultation):
    from consultations.engagement.models import (
        Reaction,
        Survey,
        SurveyAnswer,
        SurveyOption,
        SurveyQuestion,
        SurveyResponse,
    )

    # Throwaway accounts first, so authors' ids are all above any participant number
    # this small export hands out (1-3): a number equal to an id would prove nothing.
    factories.UserFactory.create_batch(3)
    p1 = Proposal.objects.create(page=consultation, title="Wider pavements", sort_order=0)
    p2 = Proposal.objects.create(
        page=consultation, title="Safer crossings: [phase 1]?", sort_order=1
    )
    alice = factories.UserFactory(display_name="Alice Secretname", email="alice.secret@example.org")
    bob = factories.UserFactory(display_name="Bob Hiddenname", email="bob.hidden@example.org")
    carol = factories.UserFactory(
        display_name="Carol Privatename", email="carol.private@example.org"
    )
    h = Heard(consultation, [p1, p2], [alice, bob, carol])
    c = h.comments
    c["general"] = comment(consultation, carol, None, text="General thoughts", minutes=1)
    c["p1_bob"] = comment(consultation, bob, p1, text="=SUM(1,2) more room please", minutes=2)
    c["p1_alice"] = comment(consultation, alice, p1, text="Yes, wider", minutes=3, language="ar")
    c["p1_reply"] = comment(consultation, bob, p1, parent=c["p1_alice"], text="Agree", minutes=4)
    c["p1_withdrawn"] = comment(
        consultation, carol, p1, status=CommentStatus.WITHDRAWN, text="", minutes=5
    )
    c["p1_pending"] = comment(
        consultation, alice, p1, status=CommentStatus.PENDING, text="PENDING-SECRET", minutes=6
    )
    c["p2_hidden"] = comment(
        consultation, bob, p2, status=CommentStatus.HIDDEN, text="HIDDEN-SECRET", minutes=7
    )
    c["p2_removed"] = comment(
        consultation, carol, p2, status=CommentStatus.REMOVED, text="REMOVED-SECRET", minutes=8
    )
    c["p2_alice"] = comment(consultation, alice, p2, text="Crossings matter", minutes=1440)
    for user, value in [(alice, "support"), (bob, "support"), (carol, "oppose")]:
        Reaction.objects.create(
            user=user, consultation=consultation, comment=c["p1_bob"], value=value
        )
    Reaction.objects.create(user=alice, consultation=consultation, proposal=p1, value="unsure")
    Reaction.objects.create(user=bob, consultation=consultation, proposal=p1, value="support")

    survey = Survey.objects.create(consultation=consultation, title="Travel survey", is_active=True)
    how = SurveyQuestion.objects.create(
        survey=survey, kind="single", text="How do you travel?", sort_order=0
    )
    walk = SurveyOption.objects.create(question=how, text="Walk", sort_order=0)
    bus = SurveyOption.objects.create(question=how, text="Bus", sort_order=1)
    scale = SurveyQuestion.objects.create(
        survey=survey, kind="scale", text="How safe do you feel?", sort_order=1
    )
    free = SurveyQuestion.objects.create(
        survey=survey, kind="text", text="Anything else?", sort_order=2
    )
    for user, option, point in [(alice, walk, 4), (bob, walk, 2), (carol, bus, 3)]:
        response = SurveyResponse.objects.create(survey=survey, user=user)
        SurveyAnswer.objects.create(response=response, question=how, option=option)
        SurveyAnswer.objects.create(response=response, question=scale, scale=point)
    SurveyAnswer.objects.create(response=response, question=free, text="More benches")
    h.survey = survey
    return h


@pytest.fixture
def staff(db):
    return factories.with_totp(factories.city_staff())


def partner(access, scope, **kwargs):
    grants = [(scope, access)] if access else []
    return factories.with_totp(factories.partner_member(grants=grants, **kwargs))


EXPORT = PartnerGrant.Access.EXPORT
VIEW = PartnerGrant.Access.VIEW_REPORTS

NAMES_AND_EMAILS = [
    "Alice Secretname",
    "Bob Hiddenname",
    "Carol Privatename",
    "alice.secret@example.org",
    "bob.hidden@example.org",
    "carol.private@example.org",
    "Secretname",
    "Hiddenname",
    "Privatename",
]
NEVER_EXPORTED = ["PENDING-SECRET", "HIDDEN-SECRET", "REMOVED-SECRET"]
