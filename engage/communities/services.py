"""Writes to the participation ledger and to consented self-declarations.

Every feature that lets someone take part calls `record_participation` in the same
transaction as its own write. Declarations (special-category data) are written only
through `give_consent`, `declare`, `withdraw_consent` and `purge_expired_declarations`.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import BigIntegerField, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import report_cache
from .models import Declaration, DeclarationConsent, Dimension, Participation


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
    record_participation_many(action, [(user, scopes)], area=area)


def record_participation_many(action, entries, area=None):
    """`record_participation` for many people at once: `entries` is [(user, [scopes])].

    The same rows as one call per person (one ledger row per person and scope, `action`
    ORed in, an area kept when already set, the cached reports of the scopes dropped
    after commit), in one INSERT and one UPDATE per distinct set of people (one for a
    single person), so that bulk loads (the demo's reactions and answers) do not cost
    two queries per person."""
    by_scope = defaultdict(set)
    for user, scopes in entries:
        for scope in scopes:
            if scope.is_recorded:
                by_scope[scope].add(user.pk)
    if not by_scope:
        return
    now = timezone.now()
    Participation.objects.bulk_create(
        [
            Participation(
                user_id=user_id,
                scope_type=scope.kind,
                scope_id=scope.key,
                area=area,
                actions=0,
                first_at=now,
                last_at=now,
            )
            for scope, user_ids in by_scope.items()
            for user_id in user_ids
        ],
        ignore_conflicts=True,
    )
    changes = {"actions": F("actions").bitor(int(action)), "last_at": now}
    if area is not None:
        # A row first recorded without an area gains it; an area already recorded is
        # kept. In the same UPDATE.
        changes["area"] = Coalesce(F("area"), Value(area.pk), output_field=BigIntegerField())
    scopes_of_people = defaultdict(list)
    for scope, user_ids in by_scope.items():
        scopes_of_people[frozenset(user_ids)].append(scope)
    for user_ids, scopes in scopes_of_people.items():
        in_any_scope = Q()
        for scope in scopes:
            in_any_scope |= Q(scope_type=scope.kind, scope_id=scope.key)
        Participation.objects.filter(in_any_scope, user_id__in=user_ids).update(**changes)
    report_cache.invalidate_on_commit(list(by_scope), area)


class ConsentRequired(ValidationError):
    """Raised by `declare` when the person has no active consent."""


def active_consent(user):
    """The person's consent that has not been withdrawn, or None."""
    return DeclarationConsent.objects.active().filter(user=user).first()


@transaction.atomic
def give_consent(user, *, privacy_notice_version=None, purpose_version=None):
    """Record that `user` ticked the consent box for the "About me" section, against
    the privacy-notice and purpose-text versions they were shown (by default the
    current ones from settings). Giving consent again while it is active changes
    nothing and returns the existing record."""
    existing = DeclarationConsent.objects.select_for_update().active().filter(user=user).first()
    if existing is not None:
        return existing
    return DeclarationConsent.objects.create(
        user=user,
        privacy_notice_version=privacy_notice_version
        or settings.DECLARATION_PRIVACY_NOTICE_VERSION,
        purpose_version=purpose_version or settings.DECLARATION_PURPOSE_VERSION,
    )


@transaction.atomic
def declare(user, dimension, category):
    """Record what `user` says about themselves in `dimension`: a `Category` of it, or
    None for "prefer not to say". Replaces an earlier answer in that dimension. Refused
    (`ConsentRequired`) without active consent."""
    if not DeclarationConsent.objects.active().filter(user=user).exists():
        raise ConsentRequired(
            _(
                "Please agree to how we use this information before telling us about "
                "yourself. You can withdraw at any time."
            ),
            code="consent_required",
        )
    if not isinstance(dimension, Dimension):
        dimension = Dimension.objects.get(slug=dimension)
    if category is not None and category.dimension_id != dimension.pk:
        raise ValidationError(
            _("“%(category)s” is not one of the choices for %(dimension)s. Please pick again."),
            code="wrong_dimension",
            params={"category": category.name, "dimension": dimension.name},
        )
    declaration, _created = Declaration.objects.update_or_create(
        user=user,
        dimension=dimension,
        defaults={"category": category, "declared_at": timezone.now()},
    )
    report_cache.invalidate_declarations_on_commit()
    return declaration


@transaction.atomic
def clear_declaration(user, dimension):
    """Remove what `user` said in `dimension` (back to "not answered")."""
    Declaration.objects.filter(user=user, dimension=dimension).delete()
    report_cache.invalidate_declarations_on_commit()


@transaction.atomic
def withdraw_consent(user):
    """Withdraw `user`'s consent and delete all their declarations at once, in the same
    transaction. The consent record is kept (with its withdrawal time) as the record
    that consent existed. Returns the number of declarations deleted."""
    now = timezone.now()
    DeclarationConsent.objects.active().filter(user=user).update(withdrawn_at=now)
    deleted, _detail = Declaration.objects.filter(user=user).delete()
    report_cache.invalidate_declarations_on_commit()
    return deleted


@transaction.atomic
def purge_expired_declarations(now=None, retention_days=None):
    """Delete the declarations of people who have not taken part anywhere for
    `DECLARATION_RETENTION_DAYS` (and who declared before then). One DELETE; returns
    the number of declarations deleted."""
    now = now or timezone.now()
    days = settings.DECLARATION_RETENTION_DAYS if retention_days is None else retention_days
    cutoff = now - datetime.timedelta(days=days)
    recent = Participation.objects.filter(user=OuterRef("user"), last_at__gte=cutoff)
    deleted, _detail = (
        Declaration.objects.filter(declared_at__lt=cutoff).exclude(Exists(recent)).delete()
    )
    if deleted:
        report_cache.invalidate_declarations_on_commit()
    return deleted
