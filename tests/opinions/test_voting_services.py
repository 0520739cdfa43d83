"""Voting: a vote replaces the earlier one, one participant per account and map, the
participation ledger, the recomputation after commit, rate limits, and which statement
comes next (priority order, unvoted first, hidden statements never offered)."""

import datetime
import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from engage.communities.models import Action, Participation
from engage.moderation.content import ContentStatus
from engage.opinions import services
from engage.opinions.models import MapStatus, Participant, StatementState, Vote
from engage.opinions.ordering import offer_for, priority
from engage.ratelimit import RateLimited, reset_rate
from tests.factories import UserFactory
from tests.factories.opinions import OpinionMapFactory, StatementFactory, votes_on

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def test_changing_a_vote_replaces_it_and_keeps_one_participant(resident):
    statement = StatementFactory()
    services.vote(resident, statement, 1)
    services.vote(resident, statement, -1)
    assert Participant.objects.filter(map=statement.map, user=resident).count() == 1
    assert list(Vote.objects.values_list("value", flat=True)) == [-1]


def test_a_vote_records_participation_in_the_maps_consultation(resident, consultation):
    statement = StatementFactory(map=OpinionMapFactory(scope=f"consultation:{consultation.pk}"))
    services.vote(resident, statement, 0)
    row = Participation.objects.get(user=resident)
    assert (row.scope_type, row.scope_id) == ("consultation", str(consultation.pk))
    assert row.did(Action.VOTED)


def test_a_standalone_map_records_no_participation(resident):
    services.vote(resident, StatementFactory(), 1)
    assert not Participation.objects.exists()


def test_recomputation_is_asked_for_after_commit(
    resident, monkeypatch, django_capture_on_commit_callbacks
):
    asked = []
    monkeypatch.setattr("engage.opinions.tasks.schedule_recompute", asked.append)
    statement = StatementFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.vote(resident, statement, 1)
    assert asked == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert asked == [statement.map_id]


def test_a_failing_recomputation_never_fails_the_vote(
    resident, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def broken(opinion_map):
        raise ConnectionError("queue is down")

    monkeypatch.setattr("engage.opinions.tasks.schedule_recompute", broken)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        services.vote(resident, StatementFactory(), 1)
    assert Vote.objects.count() == 1
    assert "recompute" in caplog.text


@pytest.mark.parametrize("value", [2, -2, "yes", None])
def test_a_value_that_is_not_a_vote_is_refused(resident, value):
    with pytest.raises(ValidationError) as error:
        services.vote(resident, StatementFactory(), value)
    assert error.value.code == "bad_vote"
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    ("status", "state"),
    [
        (ContentStatus.HIDDEN, StatementState.MODERATED_OUT),
        (ContentStatus.PENDING, StatementState.UNMODERATED),
        (ContentStatus.PUBLISHED, StatementState.MODERATED_OUT),
        (ContentStatus.WITHDRAWN, StatementState.MODERATED_OUT),
    ],
)
def test_statements_that_are_not_votable_refuse_votes(resident, status, state):
    statement = StatementFactory(status=status, state=state)
    with pytest.raises(ValidationError) as error:
        services.vote(resident, statement, 1)
    assert error.value.code == "not_votable"


def test_anonymous_unverified_and_closed_are_refused(resident):
    from django.contrib.auth.models import AnonymousUser

    statement = StatementFactory()
    with pytest.raises(PermissionDenied):
        services.vote(AnonymousUser(), statement, 1)
    with pytest.raises(PermissionDenied):
        services.vote(UserFactory(verified=False), statement, 1)
    statement.map.status = MapStatus.CLOSED
    statement.map.save()
    with pytest.raises(PermissionDenied, match="closed"):
        services.vote(resident, statement, 1)
    assert not Vote.objects.exists()


def test_a_suspended_account_cannot_vote(resident):
    from engage.moderation.models import ModerationProfile

    ModerationProfile.objects.create(
        user=resident, suspended_until=timezone.now() + datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as error:
        services.vote(resident, StatementFactory(), 1)
    assert error.value.code == "suspended"


def test_votes_are_rate_limited_per_account(resident, settings):
    settings.ENGAGE_RATE_LIMITS_ENABLED = True
    settings.ENGAGE_RATE_LIMITS = {"opinion_vote": {"user": [(3, 60)]}}
    reset_rate("opinion_vote", user=resident)
    statements = StatementFactory.create_batch(4, map=OpinionMapFactory())
    for statement in statements[:3]:
        services.vote(resident, statement, 1)
    with pytest.raises(RateLimited) as limited:
        services.vote(resident, statements[3], 1)
    assert limited.value.retry_after >= 1
    assert Vote.objects.count() == 3
    # Another account is not held back by this one's limit.
    services.vote(UserFactory(), statements[3], 1)
    reset_rate("opinion_vote", user=resident)


def test_votes_and_statements_have_rate_limits_and_their_own_sentences():
    from django.conf import settings as live

    from engage.ratelimit import ACTION_SENTENCES

    for action in ("opinion_vote", "opinion_statement"):
        assert live.ENGAGE_RATE_LIMITS[action]["user"], action
        assert action in ACTION_SENTENCES


# --- which statement comes next --------------------------------------------------------


def test_priority_favours_divisive_new_and_under_voted_statements():
    even, lopsided = priority(5, 5, 0, 48), priority(10, 0, 0, 48)
    assert even > lopsided
    assert priority(2, 2, 0, 0) > priority(2, 2, 0, 48)
    assert priority(1, 1, 0, 48) > priority(4, 4, 0, 48)
    # The documented formula, by hand: (1 + (1 - 3/7)) * (1 + 2**-1) / sqrt(1 + 4 + 1 + 1)
    assert priority(4, 1, 1, 24) == pytest.approx((1 + 4 / 7) * 1.5 / 7**0.5)


def test_the_offer_follows_priority_then_id(resident):
    opinion_map = OpinionMapFactory()
    old = NOW - datetime.timedelta(days=10)
    settled = StatementFactory(map=opinion_map, created=old)
    votes_on(settled, 1, 1, 1, 1)  # everyone agrees: least divisive
    divisive = StatementFactory(map=opinion_map, created=old)
    votes_on(divisive, 1, -1, 1, -1)
    fresh = StatementFactory(map=opinion_map, created=NOW)
    votes_on(fresh, 1, -1, 1, -1)
    tie_a = StatementFactory(map=opinion_map, created=old)
    tie_b = StatementFactory(map=opinion_map, created=old)
    offered = []
    for _round in range(5):
        offer = offer_for(opinion_map, services.participant_for(resident, opinion_map), now=NOW)
        offered.append(offer.statement)
        services.vote(resident, offer.statement, 0)
    # Unvoted (tie_a, tie_b: no votes) first, the lower id first; then new beats old
    # among equally divisive ones; the lopsided one comes last.
    assert offered == [tie_a, tie_b, fresh, divisive, settled]
    final = offer_for(opinion_map, services.participant_for(resident, opinion_map), now=NOW)
    assert final.done and (final.voted, final.total) == (5, 5)


def test_hidden_pending_and_moderated_out_statements_are_never_offered(resident):
    opinion_map = OpinionMapFactory()
    StatementFactory(map=opinion_map, status=ContentStatus.HIDDEN)
    StatementFactory(
        map=opinion_map, status=ContentStatus.PENDING, state=StatementState.UNMODERATED
    )
    StatementFactory(map=opinion_map, state=StatementState.MODERATED_OUT)
    visible = StatementFactory(map=opinion_map)
    offer = offer_for(opinion_map, None)
    assert (offer.statement, offer.total) == (visible, 1)


def test_a_chosen_statement_is_offered_again_to_change_the_vote(resident):
    opinion_map = OpinionMapFactory()
    first, _second = StatementFactory.create_batch(2, map=opinion_map)
    services.vote(resident, first, -1)
    participant = services.participant_for(resident, opinion_map)
    offer = offer_for(opinion_map, participant, chosen=first.pk)
    assert offer.statement == first and offer.current_vote == -1
    hidden = StatementFactory(map=opinion_map, status=ContentStatus.HIDDEN)
    assert offer_for(opinion_map, participant, chosen=hidden.pk).statement != hidden


def test_a_moderation_decision_takes_a_statement_out_of_the_offer(resident):
    from engage.moderation.models import ActionKind
    from engage.moderation.services import moderate
    from tests.factories import moderator, with_totp

    statement = StatementFactory()
    services.vote(UserFactory(), statement, 1)
    moderate(
        with_totp(moderator()),
        statement,
        ActionKind.HIDE,
        reason="Insulting.",
        public_reason="It insults a group of people.",
    )
    statement.refresh_from_db()
    assert (statement.status, statement.state) == (
        ContentStatus.HIDDEN,
        StatementState.MODERATED_OUT,
    )
    assert offer_for(statement.map, None).statement is None
