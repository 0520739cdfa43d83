"""Writes of an agreement's life: sending it for signature, signing, withdrawing a
signature, terminating it, and the stored status that follows the dates.

Every step is one transaction that locks the agreement row, records an
`AgreementEvent` and logs on `engage.audit`; emails go after commit
(`on_commit_safely`), in each recipient's language. Access never waits for these
writes: `InformationSharingAgreement.objects.in_force()` computes it on every read.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.after_commit import on_commit_safely
from engage.links import absolute_url
from engage.tasks import send_email_in_language

from ..models import AgreementEvent, AgreementStatus, InformationSharingAgreement
from ..models.agreements import ENDED_STATUSES, LIVE_STATUSES

audit_log = logging.getLogger("engage.audit")

NOT_A_DRAFT = _("Only a draft can be sent for signature; this agreement already was.")
NO_CITY_SIGNATORY = _("Name at least one signatory for the city before sending it for signature.")
NO_PARTY = _("Add at least one partner organisation before sending it for signature.")
PARTY_WITHOUT_SIGNATORY = _(
    "Name a signatory for %(organisation)s before sending the agreement for signature."
)
NOTHING_TO_SIGN = _("You have no signature to give on this agreement.")
NOTHING_TO_WITHDRAW = _("You have no signature to withdraw on this agreement.")
ALREADY_ENDED = _("This agreement has already ended.")
REASON_NEEDED = _("Say why, so that the other parties understand.")


def record_event(agreement, kind, user=None, **detail):
    """Add one step to the agreement's audit trail and log it."""
    event = AgreementEvent.objects.create(
        agreement=agreement, kind=kind, user=user, detail=detail, created_at=timezone.now()
    )
    audit_log.info(
        "agreement %s %s: user=%s %s",
        agreement.pk,
        kind,
        getattr(user, "pk", None),
        detail or "",
    )
    return event


def _locked(agreement):
    return InformationSharingAgreement.objects.select_for_update().get(pk=agreement.pk)


def agreement_url(agreement):
    return absolute_url(reverse("agreements:detail", args=[agreement.pk]))


def notify(agreement, users, what, subject, body):
    """After commit, email each of `users` (once each) about `agreement`."""
    context = {
        "agreement_title": agreement.title,
        "agreement_url": agreement_url(agreement),
        "what": what,
    }
    seen = set()
    for user in users:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        on_commit_safely(
            lambda user_id=user.pk: send_email_in_language.enqueue(
                user_id,
                f"policy/email/{subject}.txt",
                f"policy/email/{body}.txt",
                context,
            ),
            f"agreement {agreement.pk} {what} email to {user.pk}",
        )


def people_of(agreement):
    """The agreement's signatories and its responsible officer."""
    people = [signatory.user for signatory in agreement.signatories.select_related("user")]
    return [*people, agreement.owner] if agreement.owner_id else people


def check_ready_for_signature(agreement):
    """Raise ValidationError unless every party and the city have a signatory."""
    parties = list(agreement.parties.select_related("organisation"))
    if not parties:
        raise ValidationError(NO_PARTY)
    signed_for = set(agreement.signatories.values_list("organisation_id", flat=True))
    if None not in signed_for:
        raise ValidationError(NO_CITY_SIGNATORY)
    for party in parties:
        if party.organisation_id not in signed_for:
            raise ValidationError(
                PARTY_WITHOUT_SIGNATORY % {"organisation": party.organisation.name}
            )


@transaction.atomic
def submit_for_signature(agreement, by):
    """Send a draft to its signatories: each gets an email asking them to sign."""
    agreement = _locked(agreement)
    if agreement.status != AgreementStatus.DRAFT:
        raise ValidationError(NOT_A_DRAFT)
    check_ready_for_signature(agreement)
    agreement.status = AgreementStatus.AWAITING_SIGNATURES
    agreement.save(update_fields=["status", "updated_at"])
    record_event(agreement, AgreementEvent.Kind.SUBMITTED, by)
    signatories = [s.user for s in agreement.signatories.select_related("user")]
    notify(agreement, signatories, "sign", "sign_subject", "sign_body")
    return agreement


@transaction.atomic
def sign(agreement, user, today=None):
    """`user` signs every pending signature of theirs on `agreement` (usually one).
    When that completes the signatures and the start date has come, it is in force."""
    agreement = _locked(agreement)
    if agreement.status not in LIVE_STATUSES:
        raise PermissionDenied(NOTHING_TO_SIGN)
    pending = agreement.signatories.filter(
        user=user, signed_at__isnull=True, withdrawn_at__isnull=True
    )
    signed_for = [str(s.signs_for) for s in pending.select_related("organisation")]
    if not signed_for:
        raise PermissionDenied(NOTHING_TO_SIGN)
    pending.update(signed_at=timezone.now())
    record_event(agreement, AgreementEvent.Kind.SIGNED, user, signs_for=signed_for)
    refresh_status(agreement, today)
    return agreement


@transaction.atomic
def withdraw_signature(agreement, user, reason):
    """`user` withdraws their signature: the agreement is withdrawn, and every grant
    under it stops giving access at once. The other people on it are told."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(REASON_NEEDED)
    agreement = _locked(agreement)
    signed = agreement.signatories.filter(
        user=user, signed_at__isnull=False, withdrawn_at__isnull=True
    )
    if agreement.status not in LIVE_STATUSES or not signed.exists():
        raise PermissionDenied(NOTHING_TO_WITHDRAW)
    signed.update(withdrawn_at=timezone.now(), withdrawal_reason=reason)
    agreement.status = AgreementStatus.WITHDRAWN
    agreement.ended_reason = reason
    agreement.save(update_fields=["status", "ended_reason", "updated_at"])
    record_event(agreement, AgreementEvent.Kind.SIGNATURE_WITHDRAWN, user, reason=reason)
    notify(agreement, people_of(agreement), "withdrawn", "ended_subject", "ended_body")
    return agreement


@transaction.atomic
def terminate(agreement, by, reason):
    """City staff end an agreement before its expiry; access ends at once."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(REASON_NEEDED)
    agreement = _locked(agreement)
    if agreement.status in ENDED_STATUSES:
        raise ValidationError(ALREADY_ENDED)
    agreement.status = AgreementStatus.TERMINATED
    agreement.ended_reason = reason
    agreement.save(update_fields=["status", "ended_reason", "updated_at"])
    record_event(agreement, AgreementEvent.Kind.TERMINATED, by, reason=reason)
    notify(agreement, people_of(agreement), "terminated", "ended_subject", "ended_body")
    return agreement


def refresh_status(agreement, today=None):
    """Bring the stored status in line with the dates and signatures (in force,
    expired), recording the step. Access does not depend on it (see the module
    docstring); the reminders command calls it daily for the record."""
    today = today or timezone.localdate()
    seen = agreement.status_on(today)
    if seen == agreement.status or agreement.status not in LIVE_STATUSES:
        return False
    if seen == AgreementStatus.AWAITING_SIGNATURES:
        return False
    agreement.status = seen
    agreement.save(update_fields=["status", "updated_at"])
    kind = AgreementEvent.Kind.IN_FORCE if seen == AgreementStatus.IN_FORCE else seen
    record_event(agreement, kind, None, on=today.isoformat())
    return True


def refresh_statuses(today=None):
    """`refresh_status` for every live agreement; returns how many changed."""
    changed = 0
    for agreement in InformationSharingAgreement.objects.filter(status__in=LIVE_STATUSES):
        with transaction.atomic():
            changed += refresh_status(_locked(agreement), today)
    return changed
