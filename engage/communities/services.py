"""Writes to the participation ledger. Every feature that lets someone take part calls
`record_participation` in the same transaction as its own write."""

from django.db.models import BigIntegerField, F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Participation


def record_participation(user, action, *scopes, area=None):
    """Record that `user` did `action` (an `Action`) in each of `scopes`.

    Each person has one ledger row per scope; a repeat visit only adds the action to the
    row and moves `last_at`. Safe under concurrency: the insert ignores the unique
    conflict and the update ORs the flag in the database. Two queries, whatever the
    number of scopes.
    """
    if user is None or not user.is_authenticated:
        raise ValueError("Only a signed-in person can be recorded as taking part.")
    scopes = [scope for scope in scopes if scope.is_recorded]
    if not scopes:
        raise ValueError(
            "record_participation needs at least one consultation, proposal, forum or session scope."
        )
    now = timezone.now()
    Participation.objects.bulk_create(
        [
            Participation(
                user=user,
                scope_type=scope.kind,
                scope_id=scope.key,
                area=area,
                actions=0,
                first_at=now,
                last_at=now,
            )
            for scope in scopes
        ],
        ignore_conflicts=True,
    )
    in_any_scope = Q()
    for scope in scopes:
        in_any_scope |= Q(scope_type=scope.kind, scope_id=scope.key)
    changes = {"actions": F("actions").bitor(int(action)), "last_at": now}
    if area is not None:
        # A row first recorded without an area gains it; an area already recorded is
        # kept. In the same UPDATE, so still two queries.
        changes["area"] = Coalesce(F("area"), Value(area.pk), output_field=BigIntegerField())
    Participation.objects.filter(in_any_scope, user=user).update(**changes)
