"""Background tasks for co-design sessions (django-tasks).

`send_session_reminders_task` is meant to run every hour or so (a cron entry or a
scheduler enqueues it, or runs `manage.py send_codesign_reminders`); each confirmed
person is reminded once, about a day before (`CODESIGN_REMINDER_HOURS`).
"""

import logging

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

logger = logging.getLogger("engage.codesign")


@task()
def send_session_reminders_task():
    """Send the reminders that are due; returns how many went."""
    from .services import send_due_reminders

    sent = send_due_reminders()
    logger.info("Sent %s co-design session reminders.", sent)
    return sent


@task()
def send_invitation_to_address(invitation_id, language):
    """Email an invitation to an address that has no account yet, with its signed link.

    Written in `language` (the inviting staff member's, as there is no account to
    read a preference from). Skipped when the invitation is gone or already attached
    to an account (that person is emailed in their own language instead).
    """
    from .models import Invitation
    from .services import absolute_url, invitation_url

    invitation = Invitation.objects.select_related("session").filter(pk=invitation_id).first()
    if invitation is None or invitation.user_id is not None or not invitation.email:
        return 0
    with translation.override(language):
        context = {
            "invitation": invitation,
            "session_title": invitation.session.title,
            "session_url": absolute_url(invitation.session.get_absolute_url()),
            "invitation_url": invitation_url(invitation, language),
            "LANGUAGE_CODE": language,
        }
        subject = " ".join(
            render_to_string("codesign/email/address_invitation_subject.txt", context).split()
        )
        body = render_to_string("codesign/email/address_invitation_body.txt", context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[invitation.email])
    message.extra_headers["Content-Language"] = language
    return message.send()
