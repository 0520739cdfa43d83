"""Reminders before an agreement's review date and expiry date.

`send_agreement_reminders(today)` first brings stored statuses up to date
(`refresh_statuses`), then emails the signatories and the responsible officer of each
live agreement whose review date or expiry date is within
`AGREEMENT_REMINDER_DAYS` (default 30) of `today`, at most once every
`AGREEMENT_REMINDER_INTERVAL_DAYS` (default 7) per agreement and kind, each in their
own language. Emails are enqueued after commit: a mail server that is down never
undoes the bookkeeping or fails the command.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import AgreementEvent, InformationSharingAgreement
from .agreements import _locked, agreement_url, people_of, record_event, refresh_statuses

logger = logging.getLogger("engage.policy")

REVIEW, EXPIRY = "review", "expiry"


def lead_days():
    return getattr(settings, "AGREEMENT_REMINDER_DAYS", 30)


def interval():
    return datetime.timedelta(days=getattr(settings, "AGREEMENT_REMINDER_INTERVAL_DAYS", 7))


def _due(agreement, kind, today):
    date = agreement.review_date if kind == REVIEW else agreement.expiry_date
    last = agreement.review_reminded_on if kind == REVIEW else agreement.expiry_reminded_on
    if not today <= date <= today + datetime.timedelta(days=lead_days()):
        return False
    if kind == EXPIRY and date == today:
        return False  # it has expired: nothing left to remind of
    return last is None or last <= today - interval()


def reminders_due(today):
    """[(agreement, kind)] of the reminders to send on `today`."""
    due = []
    candidates = InformationSharingAgreement.objects.review_or_expiry_within(today, lead_days())
    for agreement in candidates.order_by("pk"):
        for kind in (REVIEW, EXPIRY):
            if _due(agreement, kind, today):
                due.append((agreement, kind))
    return due


def send_agreement_reminders(today=None):
    """Send the reminders due on `today` (default: today); returns how many emails."""
    from engage.after_commit import on_commit_safely
    from engage.tasks import send_email_in_language

    today = today or timezone.localdate()
    refresh_statuses(today)
    sent = 0
    for agreement, kind in reminders_due(today):
        with transaction.atomic():
            agreement = _locked(agreement)
            field = "review_reminded_on" if kind == REVIEW else "expiry_reminded_on"
            setattr(agreement, field, today)
            agreement.save(update_fields=[field])
            date = agreement.review_date if kind == REVIEW else agreement.expiry_date
            context = {
                "agreement_title": agreement.title,
                "agreement_url": agreement_url(agreement),
                "kind": kind,
                "date": date.isoformat(),
                "days": (date - today).days,
                "transitional": agreement.is_transitional,
            }
            recipients = {u.pk: u for u in people_of(agreement) if u.is_active and u.email}
            for user_id in recipients:
                on_commit_safely(
                    lambda user_id=user_id, context=context: send_email_in_language.enqueue(
                        user_id,
                        "policy/email/reminder_subject.txt",
                        "policy/email/reminder_body.txt",
                        context,
                    ),
                    f"agreement {agreement.pk} {kind} reminder to {user_id}",
                )
            sent += len(recipients)
            record_event(
                agreement,
                AgreementEvent.Kind.REMINDED,
                None,
                reminder=kind,
                recipients=sorted(recipients),
            )
    logger.info("Agreement reminders: %s emails for %s", sent, today)
    return sent
