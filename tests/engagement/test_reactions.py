"""Reactions: one per person and target, changeable and removable, validated,
counted, recorded in the participation ledger and broadcast after commit."""

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from consultations.engagement.models import Reaction, with_reaction_counts
from consultations.engagement.services import react, remove_reaction
from consultations.models import Comment, Proposal
from consultations.services import post_comment, withdraw_comment
from engage.communities.models import Action, Participation
from engage.realtime.groups import consultation_group
from tests.factories import UserFactory, build_consultation

pytestmark = pytest.mark.django_db


def test_reacting_twice_changes_the_one_reaction(proposal, resident):
    react(resident, proposal, "support")
    react(resident, proposal, "support")  # a double submission
    react(resident, proposal, "oppose")
    assert list(Reaction.objects.values_list("value", flat=True)) == ["oppose"]
    assert Reaction.objects.counts_for(proposal) == {"support": 0, "oppose": 1, "unsure": 0}


def test_reaction_can_be_removed(comment, resident):
    react(resident, comment, "unsure")
    assert remove_reaction(resident, comment) is True
    assert remove_reaction(resident, comment) is False
    assert not Reaction.objects.exists()


def test_proposal_and_comment_reactions_are_separate(proposal, comment, resident):
    react(resident, proposal, "support")
    react(resident, comment, "oppose")
    assert Reaction.objects.counts_for(proposal)["support"] == 1
    assert Reaction.objects.counts_for(comment)["oppose"] == 1
    assert Reaction.objects.counts_for_consultation(proposal.page) == {
        "proposals": {proposal.pk: {"support": 1, "oppose": 0, "unsure": 0}},
        "comments": {comment.pk: {"support": 0, "oppose": 1, "unsure": 0}},
    }


@pytest.mark.parametrize("value", ["love", "", "SUPPORT", None, "support "])
def test_unknown_reaction_values_are_refused(proposal, resident, value):
    with pytest.raises(ValidationError) as caught:
        react(resident, proposal, value)
    assert caught.value.code == "invalid_value"
    assert "Choose support, oppose or unsure" in caught.value.messages[0]
    assert not Reaction.objects.exists()
    assert not Participation.objects.filter(user=resident).exists()


def test_reaction_on_a_pending_comment_is_refused(consultation, resident):
    pending = post_comment(UserFactory(), consultation, "Waiting for a moderator.")
    assert pending.is_pending
    with pytest.raises(ValidationError) as caught:
        react(pending.author, pending, "support")  # even its author cannot
    assert caught.value.code == "target_hidden"
    assert not Reaction.objects.exists()


def test_reaction_on_a_withdrawn_comment_is_refused(comment, resident):
    withdraw_comment(comment.author, comment)
    with pytest.raises(ValidationError, match="not shown on the consultation"):
        react(resident, comment, "support")


def test_reaction_on_a_draft_consultation_is_refused(consultation_index, resident):
    draft = build_consultation(consultation_index, title="Draft", slug="draft")
    draft.unpublish()
    proposal = Proposal.objects.create(page=draft, title="Hidden")
    with pytest.raises(ValidationError) as caught:
        react(resident, proposal, "support")
    assert caught.value.code == "target_hidden"


def test_reaction_on_a_closed_consultation_is_refused(consultation_index, resident):
    closed = build_consultation(
        consultation_index, title="Old", slug="old", opens_in_days=-30, closes_in_days=-1
    )
    proposal = Proposal.objects.create(page=closed, title="Old option")
    with pytest.raises(ValidationError) as caught:
        react(resident, proposal, "support")
    assert caught.value.code == "closed"
    assert "has closed" in caught.value.messages[0]


def test_anonymous_and_unverified_people_cannot_react(proposal):
    with pytest.raises(ValidationError) as caught:
        react(AnonymousUser(), proposal, "support")
    assert caught.value.code == "log_in"
    with pytest.raises(ValidationError) as caught:
        react(UserFactory(verified=False), proposal, "support")
    assert caught.value.code == "verify_email"
    assert not Reaction.objects.exists()


def test_reacting_records_participation_in_consultation_and_proposal(comment, proposal, resident):
    react(resident, comment, "support")
    rows = Participation.objects.filter(user=resident)
    assert {(row.scope_type, row.scope_id) for row in rows} == {
        ("consultation", str(proposal.page_id)),
        ("proposal", str(proposal.pk)),
    }
    assert all(row.actions & Action.REACTED for row in rows)


def test_database_allows_one_reaction_per_person_and_target(proposal, comment, resident):
    Reaction.objects.create(
        user=resident, consultation=proposal.page, proposal=proposal, value="support"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Reaction.objects.create(
            user=resident, consultation=proposal.page, proposal=proposal, value="oppose"
        )
    # Other people, and the same person on a comment, are fine.
    Reaction.objects.create(
        user=UserFactory(), consultation=proposal.page, proposal=proposal, value="oppose"
    )
    Reaction.objects.create(
        user=resident, consultation=proposal.page, comment=comment, value="oppose"
    )
    assert Reaction.objects.count() == 3


@pytest.mark.parametrize("targets", ["both", "neither"])
def test_database_requires_exactly_one_target(proposal, comment, resident, targets):
    fields = {"proposal": proposal, "comment": comment} if targets == "both" else {}
    with pytest.raises(IntegrityError), transaction.atomic():
        Reaction.objects.create(
            user=resident, consultation=proposal.page, value="support", **fields
        )


def test_counts_annotation_matches_counts_for(proposal, comment, resident):
    others = [UserFactory() for _n in range(3)]
    for person, value in zip(others, ["support", "support", "unsure"], strict=True):
        react(person, comment, value)
    react(resident, comment, "oppose")
    annotated = with_reaction_counts(
        Comment.objects.filter(pk=comment.pk), resident, "comment"
    ).get()
    assert (annotated.reaction_support, annotated.reaction_oppose, annotated.reaction_unsure) == (
        2,
        1,
        1,
    )
    assert annotated.my_reaction == "oppose"
    anonymous = with_reaction_counts(
        Proposal.objects.filter(pk=proposal.pk), AnonymousUser(), "proposal"
    ).get()
    assert (anonymous.reaction_support, anonymous.my_reaction) == (0, None)


@pytest.mark.redis
def test_counts_are_broadcast_after_commit(proposal, resident, django_capture_on_commit_callbacks):
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    group = consultation_group(proposal.page_id)
    async_to_sync(layer.group_add)(group, channel)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            react(resident, proposal, "support")
        assert callbacks, "the broadcast waits for the commit"
        for callback in callbacks:
            callback()
        message = async_to_sync(layer.receive)(channel)
    finally:
        async_to_sync(layer.group_discard)(group, channel)
    assert message["event"] == "reaction.counts"
    assert message["payload"] == {
        "target": "proposal",
        "id": proposal.pk,
        "proposal_id": proposal.pk,
        "comment_id": None,
        "counts": {"support": 1, "oppose": 0, "unsure": 0},
    }


def test_nothing_is_broadcast_when_the_reaction_is_rolled_back(
    proposal, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            react(resident, proposal, "support")
            raise RuntimeError("rolled back")
    assert callbacks == []
    assert not Reaction.objects.exists()
