"""The agreement workflow: proposed → under review → agreed (→ retired).

Staff start a review; during it each active partner organisation, through one of its
members, endorses the current revision, objects with a comment or abstains. When the
share of organisations in `settings.GLOSSARY_AGREEMENT_SHARE` has endorsed, the term
is agreed at once (see `agreement`). An edit of the wording starts a new revision, and
only decisions on the current revision count.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..agreement import tally
from ..models import AuditEntry, Decision, Endorsement, Term, TermStatus
from ..rules import organisations_of
from .common import audit, glossary_changed
from .editing import record_edit


def _locked(term):
    return Term.objects.select_for_update().get(pk=term.pk)


def _move(term, to, action, *, by, **details):
    Term.objects.filter(pk=term.pk).update(status=to, status_changed_at=timezone.now())
    audit(term, action, user=by, revision=term.revision, **details)
    glossary_changed()
    term.refresh_from_db()
    return term


@transaction.atomic
def start_review(term, *, by):
    """Ask the partner organisations to decide on the term's current wording."""
    term = _locked(term)
    if term.status != TermStatus.PROPOSED:
        raise ValidationError(_("Only a proposed term can be sent for review."))
    if not term.translations.filter(language=term.source_language).exists():
        raise ValidationError(
            _(
                "Write the term and its definition in the language it is drafted in "
                "before sending it for review."
            )
        )
    record_edit(term, by=by)
    term.refresh_from_db()
    return _move(term, TermStatus.UNDER_REVIEW, AuditEntry.Action.REVIEW_STARTED, by=by)


@transaction.atomic
def return_to_proposed(term, *, by, reason=""):
    """Stop a review (to rework the wording); the decisions stay on their revision."""
    term = _locked(term)
    if term.status != TermStatus.UNDER_REVIEW:
        raise ValidationError(_("Only a term under review can be returned to proposed."))
    return _move(term, TermStatus.PROPOSED, AuditEntry.Action.RETURNED, by=by, reason=reason)


@transaction.atomic
def retire(term, *, by, reason=""):
    """An agreed term that should no longer be used: kept, marked retired, not linked."""
    term = _locked(term)
    if term.status != TermStatus.AGREED:
        raise ValidationError(_("Only an agreed term can be retired."))
    return _move(term, TermStatus.RETIRED, AuditEntry.Action.RETIRED, by=by, reason=reason)


@transaction.atomic
def restore(term, *, by):
    """Propose a retired term again (it needs a new review to be agreed)."""
    term = _locked(term)
    if term.status != TermStatus.RETIRED:
        raise ValidationError(_("Only a retired term can be proposed again."))
    return _move(term, TermStatus.PROPOSED, AuditEntry.Action.RESTORED, by=by)


def _agree(term, result):
    now = timezone.now()
    Term.objects.filter(pk=term.pk).update(
        status=TermStatus.AGREED, status_changed_at=now, agreed_at=now
    )
    # Every wording in the revision was in front of the partners, in its own language.
    for item in term.translations.all():
        item.agreed_in = item.language
        item.agreed_at = now
        item.save(update_fields=["agreed_in", "agreed_at"])
    audit(
        term,
        AuditEntry.Action.AGREED,
        revision=term.revision,
        endorse=result.endorse,
        organisations=result.organisations,
        needed=result.needed,
    )


@transaction.atomic
def decide(term, *, member, organisation, decision, comment=""):
    """`member` gives `organisation`'s decision on the term's current revision (a later
    decision replaces theirs). Raises PermissionDenied when `member` does not act for
    an active `organisation`, ValidationError for a term not under review, an unknown
    decision or an objection without a comment. Returns the `Endorsement`."""
    term = _locked(term)
    if not organisations_of(member).filter(pk=organisation.pk).exists():
        raise PermissionDenied(
            _("You can only give the decision of an active partner organisation you work for.")
        )
    if term.status != TermStatus.UNDER_REVIEW:
        raise ValidationError(_("This term is not under review, so it cannot be decided on now."))
    if decision not in Decision.values:
        raise ValidationError(_("Choose whether your organisation endorses, objects or abstains."))
    comment = (comment or "").strip()
    if decision == Decision.OBJECT and not comment:
        raise ValidationError(
            {
                "comment": _(
                    "Say why your organisation objects, so that the wording can be improved."
                )
            }
        )
    endorsement, _created = Endorsement.objects.update_or_create(
        term=term,
        revision=term.revision,
        organisation=organisation,
        defaults={
            "member": member,
            "decision": decision,
            "comment": comment,
            "decided_at": timezone.now(),
        },
    )
    audit(
        term,
        AuditEntry.Action.DECIDED,
        user=member,
        organisation=organisation,
        revision=term.revision,
        decision=decision,
    )
    result = tally(term)
    if result.reached:
        _agree(term, result)
    glossary_changed()
    return endorsement
