"""The participation ledger: one row per person per scope, actions OR'ed, safe under
concurrency; and the scope notation shared by commands, the API and partner grants."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from engage.communities.models import Action, Participation
from engage.communities.scopes import Scope
from engage.communities.services import record_participation
from tests.factories import AreaFactory, UserFactory

CONSULTATION = Scope.parse("consultation:42")
PROPOSAL = Scope.parse("proposal:7")


@pytest.mark.django_db
class TestRecordParticipation:
    def test_first_action_creates_one_row(self, resident):
        record_participation(resident, Action.COMMENTED, CONSULTATION)
        row = Participation.objects.get()
        assert (row.user, row.scope_type, row.scope_id) == (resident, "consultation", "42")
        assert row.did(Action.COMMENTED)
        assert not row.did(Action.REACTED)

    def test_actions_are_ored_into_the_same_row(self, resident):
        record_participation(resident, Action.COMMENTED, CONSULTATION)
        first = Participation.objects.get()
        record_participation(resident, Action.REACTED, CONSULTATION)
        row = Participation.objects.get()
        assert row.actions == Action.COMMENTED | Action.REACTED
        assert row.first_at == first.first_at
        assert row.last_at >= first.last_at

    def test_repeating_an_action_is_idempotent(self, resident):
        for _ in range(3):
            record_participation(resident, Action.COMMENTED, CONSULTATION)
        assert Participation.objects.count() == 1
        assert Participation.objects.get().actions == Action.COMMENTED

    def test_one_call_records_every_scope_given(self, resident):
        record_participation(resident, Action.COMMENTED, CONSULTATION, PROPOSAL)
        assert set(Participation.objects.values_list("scope_type", "scope_id")) == {
            ("consultation", "42"),
            ("proposal", "7"),
        }

    def test_people_get_separate_rows(self, resident):
        other = UserFactory()
        record_participation(resident, Action.COMMENTED, CONSULTATION)
        record_participation(other, Action.COMMENTED, CONSULTATION)
        assert Participation.objects.in_scope(CONSULTATION).count() == 2

    def test_with_action_filters_on_the_flag(self, resident):
        other = UserFactory()
        record_participation(resident, Action.COMMENTED, CONSULTATION)
        record_participation(other, Action.REACTED, CONSULTATION)
        record_participation(other, Action.ANSWERED, CONSULTATION)
        commenters = Participation.objects.in_scope(CONSULTATION).with_action(Action.COMMENTED)
        assert list(commenters.values_list("user", flat=True)) == [resident.pk]
        answered = Participation.objects.with_action(Action.ANSWERED)
        assert list(answered.values_list("user", flat=True)) == [other.pk]

    def test_area_is_filled_in_later_but_never_overwritten(self, resident):
        north = AreaFactory(code="N1", name="North")
        south = AreaFactory(code="S1", name="South")
        record_participation(resident, Action.COMMENTED, CONSULTATION)
        record_participation(resident, Action.REACTED, CONSULTATION, area=north)
        record_participation(resident, Action.ANSWERED, CONSULTATION, area=south)
        assert Participation.objects.get().area == north

    def test_area_and_city_scopes_aggregate_the_recorded_ones(self, resident):
        north = AreaFactory(code="E05000001", name="North ward")
        south = AreaFactory(code="E05000002", name="South ward")
        neighbour, elsewhere = UserFactory(), UserFactory()
        record_participation(resident, Action.COMMENTED, CONSULTATION, PROPOSAL, area=north)
        record_participation(neighbour, Action.POSTED, Scope.parse("forum:3"), area=north)
        record_participation(elsewhere, Action.ATTENDED, Scope.parse("session:9"), area=south)
        in_north = Participation.objects.in_scope(Scope.parse("area:E05000001"))
        assert in_north.count() == 3
        assert in_north.values("user").distinct().count() == 2
        city = Participation.objects.in_scope(Scope.parse("city"))
        assert city.count() == 4
        assert city.values("user").distinct().count() == 3

    @pytest.mark.parametrize("scope", ["area:E05000001", "city"])
    def test_aggregate_scopes_are_not_recorded(self, resident, scope):
        with pytest.raises(ValueError, match="at least one consultation"):
            record_participation(resident, Action.COMMENTED, Scope.parse(scope))
        assert not Participation.objects.exists()

    def test_anonymous_visitors_are_not_recorded(self):
        from django.contrib.auth.models import AnonymousUser

        with pytest.raises(ValueError, match="signed-in"):
            record_participation(AnonymousUser(), Action.COMMENTED, CONSULTATION)
        with pytest.raises(ValueError, match="signed-in"):
            record_participation(None, Action.COMMENTED, CONSULTATION)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_calls_produce_one_row_with_every_action():
    person = UserFactory()
    actions = [Action.COMMENTED, Action.REACTED, Action.ANSWERED, Action.POSTED] * 3
    barrier = threading.Barrier(len(actions))
    errors = []

    def take_part(action):
        try:
            barrier.wait(timeout=10)
            record_participation(person, action, CONSULTATION, PROPOSAL)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take_part, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    rows = Participation.objects.filter(user=person)
    assert rows.count() == 2
    for row in rows:
        assert row.actions == (Action.COMMENTED | Action.REACTED | Action.ANSWERED | Action.POSTED)


class TestScopeParse:
    @pytest.mark.parametrize(
        ("text", "kind", "key", "recorded"),
        [
            ("consultation:42", "consultation", "42", True),
            ("proposal:7", "proposal", "7", True),
            ("forum:3", "forum", "3", True),
            ("session:9", "session", "9", True),
            ("area:E08000035", "area", "E08000035", False),
            ("city", "city", "", False),
            ("  consultation:42  ", "consultation", "42", True),
        ],
    )
    def test_documented_forms(self, text, kind, key, recorded):
        scope = Scope.parse(text)
        assert (scope.kind, scope.key, scope.is_recorded) == (kind, key, recorded)
        assert str(scope) == text.strip()
        assert Scope.parse(str(scope)) == scope

    @pytest.mark.parametrize(
        "text", ["", "   ", None, "planet:1", "consultation", "consultation:", "city:1", "area:"]
    )
    def test_unknown_forms_are_refused_with_the_list_of_forms(self, text):
        with pytest.raises(ValidationError) as caught:
            Scope.parse(text)
        assert caught.value.code == "invalid_scope"
        message = caught.value.messages[0]
        assert "is not a scope" in message
        assert "consultation:<id>" in message and "area:<code>" in message

    @pytest.mark.parametrize("text", ["consultation:abc", "forum:1.5", "session:-3"])
    def test_ids_must_be_numbers(self, text):
        with pytest.raises(ValidationError) as caught:
            Scope.parse(text)
        assert caught.value.messages == [f"The id in “{text}” must be a number."]

    def test_scope_of_builds_from_parts(self):
        assert Scope.of("consultation", 42) == CONSULTATION
