"""Writes of hate incident reports: submitting, triage (status and referral, audited),
deletion by the reporter, and retention. Views, admin views, commands and the privacy
registry all call these."""

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from engage.policy.models import PartnerOrganisation

from . import conf, rules
from .models import IncidentEvent, IncidentReport, Status

logger = logging.getLogger("engage.incidents")


def referral_partners():
    """The partner organisations a report may be referred to (and that the form names):
    every active partner organisation. docs/monitoring.md explains the choice."""
    return PartnerOrganisation.objects.filter(is_active=True).order_by("name")


@sensitive_variables("description", "contact", "secret")
def submit_report(
    *,
    description,
    characteristic,
    occurred_on,
    reported_to_police,
    area=None,
    wants_contact=False,
    contact="",
    consent_to_share=False,
    reporter=None,
    language="",
):
    """Save a new report; returns (report, secret) where `secret` opens its status link.
    `reporter` is the signed-in account, or None for an anonymous report."""
    report = IncidentReport(
        area=area,
        characteristic=characteristic,
        occurred_on=occurred_on,
        reported_to_police=reported_to_police,
        wants_contact=wants_contact,
        consent_to_share=consent_to_share,
        reporter=reporter if reporter is not None and reporter.is_authenticated else None,
        language=language,
    )
    report.description = description
    report.contact = contact if wants_contact else ""
    secret = report.set_secret()
    report.save()
    logger.info("Incident report %s received", report.reference)
    return report, secret


def _require_triage(actor):
    if not rules.can_triage(actor):
        raise PermissionDenied(_("Only city staff may triage incident reports."))


@transaction.atomic
def change_status(report, status, actor, note=""):
    """Set the report's status (new, referred, closed), with an audit event."""
    _require_triage(actor)
    if status not in Status.values:
        raise ValidationError(_("Choose a status from the list."))
    if status == Status.REFERRED and report.referred_to_id is None:
        raise ValidationError(_("Refer the report to a partner organisation to mark it referred."))
    report.status = status
    report.save(update_fields=["status", "updated_at"])
    IncidentEvent.objects.create(
        report=report, actor=actor, action=IncidentEvent.Action.STATUS, status=status, note=note
    )
    return report


@transaction.atomic
def refer(report, organisation, actor, note=""):
    """Refer the report to a partner organisation: recorded on the report and audited.
    Only with the reporter's consent, and only to an active partner."""
    _require_triage(actor)
    if not report.consent_to_share:
        raise ValidationError(
            _("The reporter did not agree to share this report, so it cannot be referred.")
        )
    if not referral_partners().filter(pk=organisation.pk).exists():
        raise ValidationError(_("Choose an active partner organisation."))
    report.referred_to = organisation
    report.referred_at = timezone.now()
    report.status = Status.REFERRED
    report.save(update_fields=["referred_to", "referred_at", "status", "updated_at"])
    IncidentEvent.objects.create(
        report=report,
        actor=actor,
        action=IncidentEvent.Action.REFERRED,
        status=Status.REFERRED,
        organisation=organisation,
        note=note,
    )
    return report


def record_view(report, user, *, as_partner):
    """Audit that staff or the receiving partner opened the report's full text."""
    IncidentEvent.objects.create(
        report=report,
        actor=user,
        action=IncidentEvent.Action.PARTNER_VIEWED
        if as_partner
        else IncidentEvent.Action.STAFF_VIEWED,
        organisation=report.referred_to if as_partner else None,
    )


def delete_report(report, by=None):
    """Delete a report at its reporter's request: by the reporter (signed in, or with
    the private link), or by city staff (`by`) for a reporter who gave the reference."""
    if by is not None:
        _require_triage(by)
    reference = report.reference
    report.delete()
    logger.info(
        "Incident report %s deleted at the reporter's request%s",
        reference,
        f" by staff account {by.pk}" if by is not None else "",
    )


def retention_cutoff(now=None):
    return (now or timezone.now()) - datetime.timedelta(days=conf.retention_days())


def purge_expired_reports(cutoff=None):
    """Delete reports made before `cutoff` (default: now minus the retention period);
    returns how many reports went."""
    cutoff = cutoff or retention_cutoff()
    _total, per_model = IncidentReport.objects.created_before(cutoff).delete()
    return per_model.get(IncidentReport._meta.label, 0)
