"""Asking for a place, giving it up, and declining an invitation.

Each write is one transaction that locks the session row first (`SELECT … FOR
UPDATE`), so two people asking for the last place at once cannot both get it, and a
cancellation promotes exactly one person from the waiting list.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import ACCESS_NEEDS_MAX_LENGTH, Invitation, Rsvp
from ..rules import RsvpBlocker, rsvp_blocker
from ..validators import split_codes
from .emails import email_on_commit
from .sessions import free_places, locked_session
from .waiting_list import promote_from_waiting_list

RSVP_BLOCKER_MESSAGES = {
    RsvpBlocker.NOT_VISIBLE: _("This session is not open to the public."),
    RsvpBlocker.STARTED: _(
        "This session has already started or taken place, so it no longer takes replies."
    ),
    RsvpBlocker.LOG_IN: _("Please log in or create a free account to ask for a place."),
    RsvpBlocker.VERIFY_EMAIL: _(
        "Please verify your email address before asking for a place. Follow the link in "
        "the email we sent you, or ask for a new one."
    ),
    RsvpBlocker.INVITATION_ONLY: _(
        "This session is by invitation only. If you would like to take part, please "
        "contact the city's engagement team."
    ),
}


class RsvpOutcome:
    """What an RSVP led to, so the page and the API can say it plainly."""

    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    VOLUNTEERED = "volunteered"  # places are drawn by lot; waiting for the draw
    UPDATED = "updated"


def _clean_rsvp_details(access_needs, interpretation_language, session):
    access_needs = (access_needs or "").strip()
    if len(access_needs) > ACCESS_NEEDS_MAX_LENGTH:
        raise ValidationError(
            {
                "access_needs": ValidationError(
                    _(
                        "Please keep your access needs to %(max)s characters (you wrote "
                        "%(count)s). Staff will contact you if they need more detail."
                    )
                    % {"max": ACCESS_NEEDS_MAX_LENGTH, "count": len(access_needs)},
                    code="access_needs_too_long",
                )
            }
        )
    interpretation_language = (interpretation_language or "").strip().lower()
    offered = split_codes(session.interpretation)
    if interpretation_language and interpretation_language not in offered:
        if offered:
            message = _(
                "Interpretation is offered in: %(languages)s. Please choose one of these, "
                "or describe what you need under access needs."
            ) % {"languages": ", ".join(offered)}
        else:
            message = _(
                "This session has no interpreters booked. Please describe what you need "
                "under access needs and staff will try to arrange it."
            )
        raise ValidationError(
            {"interpretation_language": ValidationError(message, code="no_interpretation")}
        )
    return access_needs, interpretation_language


def rsvp(user, session, *, access_needs="", interpretation_language=""):
    """Ask for a place at `session` for `user`, or update their access needs.

    A confirmed place when one is free; otherwise the waiting list (first come, first
    served), which the outcome says clearly. When places are drawn by lot everyone
    volunteers and waits for the draw. Someone already confirmed or waiting keeps their
    place and only their details change: one row per person and session, enforced by a
    database constraint. Accepting sets a pending invitation to accepted.

    Returns `(rsvp, outcome)`; raises ValidationError with a `RsvpBlocker` code when the
    person may not ask (past session, invitation only, not verified…).
    """
    blocker = rsvp_blocker(user, session)
    if blocker is not None:
        raise ValidationError(RSVP_BLOCKER_MESSAGES[blocker], code=blocker)
    access_needs, interpretation_language = _clean_rsvp_details(
        access_needs, interpretation_language, session
    )
    now = timezone.now()
    with transaction.atomic():
        session = locked_session(session)
        existing = Rsvp.objects.select_for_update().filter(session=session, user=user).first()
        details = {"access_needs": access_needs, "interpretation_language": interpretation_language}
        if existing is not None and existing.status in (
            Rsvp.Status.CONFIRMED,
            Rsvp.Status.WAITLISTED,
        ):
            for name, value in details.items():
                setattr(existing, name, value)
            existing.save(update_fields=[*details, "updated_at"])
            return existing, RsvpOutcome.UPDATED

        by_lot = session.places_by_lot
        places = free_places(session)
        someone_waiting = Rsvp.objects.filter(session=session).waitlisted().exists()
        if by_lot:
            status, outcome = Rsvp.Status.WAITLISTED, RsvpOutcome.VOLUNTEERED
        elif places is None or (places > 0 and not someone_waiting):
            status, outcome = Rsvp.Status.CONFIRMED, RsvpOutcome.CONFIRMED
        else:
            status, outcome = Rsvp.Status.WAITLISTED, RsvpOutcome.WAITLISTED
        fields = {
            **details,
            "status": status,
            "queued_at": now if status == Rsvp.Status.WAITLISTED else None,
        }
        if existing is None:
            try:
                with transaction.atomic():
                    row = Rsvp.objects.create(session=session, user=user, **fields)
            except IntegrityError:
                # Another request for the same person won the race: keep its row.
                row = Rsvp.objects.get(session=session, user=user)
                return row, RsvpOutcome.UPDATED
        else:
            row = existing
            for name, value in fields.items():
                setattr(row, name, value)
            row.reminded_at = None
            row.save()
        # Asking for a place is accepting the invitation (even one declined earlier).
        Invitation.objects.filter(session=session, user=user).exclude(
            status=Invitation.Status.ACCEPTED
        ).update(status=Invitation.Status.ACCEPTED)
        if status == Rsvp.Status.CONFIRMED:
            email_on_commit(user.pk, "confirmed", session)
        return row, outcome


def cancel_rsvp(user, session):
    """Give up `user`'s place (or leave the waiting list) at `session`.

    A freed place goes to the first person on the waiting list, who is emailed. Raises
    ValidationError when there is nothing to cancel or the session has started.
    Returns the person promoted, or None.
    """
    with transaction.atomic():
        session = locked_session(session)
        row = (
            Rsvp.objects.select_for_update()
            .filter(
                session=session,
                user=user,
                status__in=[Rsvp.Status.CONFIRMED, Rsvp.Status.WAITLISTED],
            )
            .first()
        )
        if row is None:
            raise ValidationError(
                _("You have no place or waiting-list entry to cancel for this session."),
                code="nothing_to_cancel",
            )
        if session.starts_at <= timezone.now():
            raise ValidationError(
                _("This session has already started, so places can no longer be cancelled."),
                code="started",
            )
        was_confirmed = row.status == Rsvp.Status.CONFIRMED
        row.status = Rsvp.Status.CANCELLED
        row.queued_at = None
        row.save(update_fields=["status", "queued_at", "updated_at"])
        if was_confirmed:
            promoted = promote_from_waiting_list(session)
            return promoted[0] if promoted else None
    return None


def decline(user, session):
    """`user` declines their invitation (and gives up any place they held)."""
    with transaction.atomic():
        session = locked_session(session)
        invitation = Invitation.objects.filter(session=session, user=user).first()
        if invitation is None:
            raise ValidationError(
                _("You have no invitation to this session to decline."), code="not_invited"
            )
        invitation.status = Invitation.Status.DECLINED
        invitation.save(update_fields=["status"])
        row = Rsvp.objects.select_for_update().filter(session=session, user=user).first()
        was_confirmed = row is not None and row.status == Rsvp.Status.CONFIRMED
        if row is None:
            Rsvp.objects.create(session=session, user=user, status=Rsvp.Status.DECLINED)
        else:
            row.status = Rsvp.Status.DECLINED
            row.queued_at = None
            row.save(update_fields=["status", "queued_at", "updated_at"])
        if was_confirmed:
            promote_from_waiting_list(session)
