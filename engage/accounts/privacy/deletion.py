""" "Delete my account": request, confirm by email, grace period, cancel, carry out.

1. `request_deletion(user, keep_content)`: the signed-in person asks (their password
   re-entered by the form); an email with a confirmation link goes out after commit.
2. `confirm_deletion(token)`: the link (a POST from its page, so mail scanners that
   fetch links change nothing) schedules the deletion settings.ACCOUNT_DELETION_GRACE_DAYS
   later and emails a cancel link. Unconfirmed requests lapse after
   settings.ACCOUNT_DELETION_CONFIRM_HOURS.
3. `cancel_deletion(deletion)`: from the emailed link or the account page, any time
   before it is carried out.
4. `execute_due_deletions()`: the daily task carries out every deletion that is due,
   each in its own transaction, through `erase_account`.

`erase_account` asks every registered section (`registry`) to erase its rows (content
withdrawn unless the person chose to keep it), then empties the account row itself: no
email, name, password, groups or sign-in; `erased_at` set. The row stays so that kept
content reads "former participant", the participation ledger keeps its counts (with no
declaration left to join, the person counts as "not declared") and audit trails that
must not lose rows (moderation, exports) stay whole without naming anyone.
"""

import datetime
import logging

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from engage.accounts.models import AccountDeletion, AccountDeletionStatus, User
from engage.links import absolute_url
from engage.tasks import language_for, send_email_in_language

from . import registry

logger = logging.getLogger("engage.privacy")

ALREADY_SCHEDULED = _(
    "Your account is already scheduled for deletion. Cancel that first from your privacy "
    "page if you want to change your choice."
)
LINK_NOT_VALID = _(
    "This link is not valid any more: the request was cancelled, already carried out, or "
    "not confirmed in time. Sign in and ask again from your privacy page if you still "
    "want your account deleted."
)


def _absolute(url):
    return absolute_url(url)


def _links(user, deletion):
    with translation.override(language_for(user)):
        return {
            "confirm_url": _absolute(reverse("privacy:deletion_confirm", args=[deletion.token])),
            "cancel_url": _absolute(reverse("privacy:deletion_cancel", args=[deletion.token])),
        }


def _email(user, deletion, name):
    context = {
        **_links(user, deletion),
        "grace_days": settings.ACCOUNT_DELETION_GRACE_DAYS,
        "confirm_hours": settings.ACCOUNT_DELETION_CONFIRM_HOURS,
        "keep_content": deletion.keep_content,
        "due_at": deletion.due_at.isoformat() if deletion.due_at else "",
    }
    user_id = user.pk

    def send():
        try:
            send_email_in_language.enqueue(
                user_id,
                f"account/privacy/email/{name}_subject.txt",
                f"account/privacy/email/{name}_message.txt",
                context,
            )
        except Exception:
            logger.exception("Could not send the %s email to user %s", name, user_id)

    transaction.on_commit(send)


def open_deletion(user):
    """`user`'s deletion request that is awaiting confirmation or scheduled, if any."""
    return (
        AccountDeletion.objects.filter(
            user=user,
            status__in=[
                AccountDeletionStatus.AWAITING_CONFIRMATION,
                AccountDeletionStatus.SCHEDULED,
            ],
        )
        .order_by("-requested_at")
        .first()
    )


def request_deletion(user, keep_content):
    """Ask for `user`'s account to be deleted; returns the request awaiting confirmation.

    A request still awaiting confirmation is replaced (a new link is sent); a scheduled
    one must be cancelled first (ValidationError)."""
    if not rules.test_rule("accounts.manage_own_data", user):
        raise PermissionDenied
    with transaction.atomic():
        current = open_deletion(user)
        if current is not None and current.status == AccountDeletionStatus.SCHEDULED:
            raise ValidationError(ALREADY_SCHEDULED, code="scheduled")
        if current is not None:
            current.status = AccountDeletionStatus.CANCELLED
            current.cancelled_at = timezone.now()
            current.save(update_fields=["status", "cancelled_at"])
        deletion = AccountDeletion.objects.create(user=user, keep_content=bool(keep_content))
        _email(user, deletion, "deletion_confirm")
    logger.info("account deletion requested: user=%s", user.pk)
    return deletion


def deletion_for_token(token):
    """The open request with this link token, or None."""
    deletion = AccountDeletion.objects.select_related("user").filter(token=token).first()
    if deletion is None or not deletion.is_open:
        return None
    if deletion.status == AccountDeletionStatus.AWAITING_CONFIRMATION and _lapsed(deletion):
        return None
    return deletion


def _lapsed(deletion, moment=None):
    limit = datetime.timedelta(hours=settings.ACCOUNT_DELETION_CONFIRM_HOURS)
    return deletion.requested_at + limit <= (moment or timezone.now())


def confirm_deletion(token):
    """Confirm from the emailed link: schedule the deletion after the grace period."""
    with transaction.atomic():
        deletion = deletion_for_token(token)
        if deletion is None:
            raise ValidationError(LINK_NOT_VALID, code="invalid_link")
        deletion = AccountDeletion.objects.select_for_update().get(pk=deletion.pk)
        if deletion.status == AccountDeletionStatus.SCHEDULED:
            return deletion
        now = timezone.now()
        deletion.status = AccountDeletionStatus.SCHEDULED
        deletion.confirmed_at = now
        deletion.due_at = now + datetime.timedelta(days=settings.ACCOUNT_DELETION_GRACE_DAYS)
        deletion.save(update_fields=["status", "confirmed_at", "due_at"])
        _email(deletion.user, deletion, "deletion_scheduled")
    logger.info("account deletion confirmed: user=%s due=%s", deletion.user_id, deletion.due_at)
    return deletion


def cancel_deletion(deletion):
    """Cancel an open request (from the emailed link or the signed-in privacy page)."""
    with transaction.atomic():
        deletion = AccountDeletion.objects.select_for_update().get(pk=deletion.pk)
        if not deletion.is_open:
            raise ValidationError(LINK_NOT_VALID, code="invalid_link")
        deletion.status = AccountDeletionStatus.CANCELLED
        deletion.cancelled_at = timezone.now()
        deletion.save(update_fields=["status", "cancelled_at"])
    logger.info("account deletion cancelled: user=%s", deletion.user_id)
    return deletion


def erase_account(user, keep_content):
    """Erase `user` now (see the module doc). Runs every section's `erase` and empties
    the account, in one transaction."""
    with transaction.atomic():
        for section in registry.sections():
            if section.erase is not None:
                section.erase(user, keep_content)
        user.groups.clear()
        user.user_permissions.clear()
        user.email = f"deleted-{user.pk}@deleted.invalid"
        user.display_name = ""
        user.preferred_language = ""
        user.is_active = user.is_staff = user.is_superuser = False
        user.last_login = None
        user.erased_at = timezone.now()
        user.set_unusable_password()  # also ends every session (the hash changes)
        user.save()
    logger.info("account erased: user=%s keep_content=%s", user.pk, keep_content)


def execute_due_deletions(moment=None):
    """Carry out every scheduled deletion that is due; returns how many."""
    moment = moment or timezone.now()
    done = 0
    due = AccountDeletion.objects.filter(
        status=AccountDeletionStatus.SCHEDULED, due_at__lte=moment
    ).values_list("pk", flat=True)
    for pk in list(due):
        try:
            with transaction.atomic():
                deletion = AccountDeletion.objects.select_for_update().get(pk=pk)
                if deletion.status != AccountDeletionStatus.SCHEDULED:
                    continue
                user = User.objects.get(pk=deletion.user_id)
                erase_account(user, deletion.keep_content)
                deletion.status = AccountDeletionStatus.DONE
                deletion.done_at = timezone.now()
                deletion.save(update_fields=["status", "done_at"])
        except Exception:
            # One failure must not stop the others; tomorrow's run tries again.
            logger.exception("Could not carry out account deletion %s", pk)
            continue
        done += 1
    return done
