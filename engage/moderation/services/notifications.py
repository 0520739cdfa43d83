"""What happens after a moderation decision commits: live pages hear of it, and the
author is emailed in their language with a link to appeal. Both are registered with
`transaction.on_commit`, so a rolled-back decision tells nobody anything."""

from engage.after_commit import on_commit_safely
from engage.links import base_url
from engage.tasks import send_email_in_language

from ..signals import content_moderated
from .common import EXCERPT_LENGTH, logger


def send_after_commit(instance, entry, old_status, new_status):
    """After commit, send `signals.content_moderated` for `entry` (live pages)."""

    def send():
        # send_robust: a failing receiver (live pages) must not stop the others, nor the
        # author's email registered after this.
        results = content_moderated.send_robust(
            sender=type(instance),
            instance=instance,
            action=entry,
            old_status=old_status,
            new_status=new_status,
        )
        for receiver, response in results:
            if isinstance(response, Exception):
                logger.error(
                    "content_moderated receiver %r failed for action %s",
                    receiver,
                    entry.pk,
                    exc_info=(type(response), response, response.__traceback__),
                )

    on_commit_safely(send, "content_moderated signal")


def email_after_commit(account, entry):
    """After commit, email `account` about `entry` in their language (with the appeal link)."""
    context = {
        "action": entry.action,
        "action_id": entry.pk,
        "public_reason": entry.public_reason,
        "place_title": entry.place_title,
        "kind": entry.kind,
        "excerpt": (entry.before_text or "")[:EXCERPT_LENGTH],
        "suspended_until": entry.suspended_until.isoformat() if entry.suspended_until else "",
        "base_url": base_url(),
    }
    on_commit_safely(
        lambda: send_email_in_language.enqueue(
            account.pk,
            "moderation/email/action_subject.txt",
            "moderation/email/action_body.txt",
            context,
        ),
        "email a moderation decision",
    )
