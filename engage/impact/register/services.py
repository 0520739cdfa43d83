"""Writes of the unintended-consequences register, and the review reminders.

`save_consequence` is the one write path (pages, demo data and tests call it).
`send_review_reminders(today)` emails each owner one message listing their reviews
that are due (review date today or past), at most once every
`IMPACT_REVIEW_REMINDER_INTERVAL_DAYS` days per consequence (default 7); a consequence
without an owner goes to the lead officer of its policy area (or of its assessment's).
Emails are enqueued after commit and isolated: a mail server that is down never
undoes the reminder bookkeeping or fails the command.
"""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from engage.after_commit import on_commit_safely
from engage.links import absolute_url
from engage.tasks import language_for, send_email_in_language

from ..models import Consequence

logger = logging.getLogger("engage.impact")


def reminder_interval():
    return datetime.timedelta(days=getattr(settings, "IMPACT_REVIEW_REMINDER_INTERVAL_DAYS", 7))


@transaction.atomic
def save_consequence(form):
    """Save a valid `ConsequenceForm` (new or existing) and return the consequence."""
    consequence = form.save()
    logger.info("Register entry %s saved", consequence.pk)
    return consequence


def recipient_of(consequence):
    """Who is reminded: the owner, else the lead officer of the policy area (the
    consequence's own, else its assessment's); None when nobody."""
    if consequence.owner_id:
        return consequence.owner
    area = consequence.policy_area or (
        consequence.assessment.policy_area if consequence.assessment_id else None
    )
    return getattr(area, "lead_officer", None)


def reminders_due(today):
    """`{user: [consequence, …]}`: reviews due on `today` not reminded within the interval."""
    last_allowed = today - reminder_interval()
    due = (
        Consequence.objects.due(today)
        .exclude(last_reminded_on__gt=last_allowed)
        .select_related(
            "owner", "policy_area__lead_officer", "assessment__policy_area__lead_officer"
        )
        .order_by("review_date", "pk")
    )
    by_user = defaultdict(list)
    for consequence in due:
        user = recipient_of(consequence)
        if user is not None and user.is_active and user.email:
            by_user[user].append(consequence)
    return by_user


def send_review_reminders(today=None):
    """Email every owner their due reviews; returns the number of emails enqueued."""
    today = today or timezone.localdate()
    sent = 0
    for user, consequences in reminders_due(today).items():
        with transaction.atomic():
            Consequence.objects.filter(pk__in=[c.pk for c in consequences]).update(
                last_reminded_on=today
            )
            context = reminder_context(user, consequences, today)
            on_commit_safely(
                lambda user_id=user.pk, context=context: send_email_in_language.enqueue(
                    user_id,
                    "impact/register/email/reminder_subject.txt",
                    "impact/register/email/reminder_body.txt",
                    context,
                ),
                f"impact review reminder to {user.pk}",
            )
        sent += 1
    logger.info("Impact review reminders: %s emails for %s", sent, today)
    return sent


def reminder_context(user, consequences, today):
    """JSON-serialisable context of one reminder, with links in the owner's language."""
    language = language_for(user)
    with translation.override(language):
        items = [
            {
                "description": consequence.description[:200],
                "category": str(consequence.get_category_display()),
                "score": consequence.score,
                "review_date": consequence.review_date.isoformat(),
                "days_overdue": consequence.days_overdue(today),
                "url": absolute_url(reverse("impact:register_edit", args=[consequence.pk])),
            }
            for consequence in consequences
        ]
        register_url = absolute_url(reverse("impact:register_overdue"))
    return {"items": items, "count": len(items), "register_url": register_url}
