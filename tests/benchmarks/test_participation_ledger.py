"""Participation ledger: cost of recording through the service, against plain inserts.

Every act of taking part calls `record_participation` inside the request's transaction,
so its cost is paid on every comment, reaction and answer. Baseline: the same rows
written as one plain INSERT per person, each in its own transaction as a request would,
measured in the same run.
"""

import pytest
from django.db import transaction

from engage.communities.models import Action, Participation, ScopeType
from engage.communities.scopes import Scope
from engage.communities.services import record_participation
from tests.benchmarks.conftest import best_of, report
from tests.factories import UserFactory

PEOPLE = 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_record_participation_against_plain_insert():
    users = [UserFactory() for _ in range(PEOPLE)]
    scopes = [Scope.of(ScopeType.CONSULTATION, 1), Scope.of(ScopeType.PROPOSAL, 2)]

    def plain_insert():
        Participation.objects.all().delete()
        for user in users:
            with transaction.atomic():
                Participation.objects.bulk_create(
                    [
                        Participation(
                            user=user, scope_type=scope.kind, scope_id=scope.key, actions=1
                        )
                        for scope in scopes
                    ]
                )

    def through_service():
        Participation.objects.all().delete()
        for user in users:
            with transaction.atomic():
                record_participation(user, Action.COMMENTED, *scopes)

    def repeat_through_service():
        # The common case: the person already took part here; only the flags change.
        for user in users:
            with transaction.atomic():
                record_participation(user, Action.REACTED, *scopes)

    baseline = best_of(plain_insert)
    first = best_of(through_service)
    repeat = best_of(repeat_through_service)
    rows = PEOPLE * len(scopes)
    report(
        f"participation ledger, {PEOPLE} people x {len(scopes)} scopes",
        [
            ("plain INSERT per person (baseline)", f"{rows / baseline:,.0f} rows/s"),
            ("record_participation, first time", f"{first / baseline:.1f}x baseline time"),
            ("record_participation, repeat", f"{repeat / baseline:.1f}x baseline time"),
            ("per call, first time", f"{first / PEOPLE * 1000:.2f} ms"),
        ],
    )
    assert Participation.objects.count() == rows
