"""Writes for co-design sessions: invitations, RSVPs and the waiting list, reminders,
attendance, notes and agreed actions, and the panel drawn by lot.

Views, the API, the admin and commands all call these, so they validate and behave the
same way. Each write is one transaction; changes to a session's places lock the session
row first (`SELECT … FOR UPDATE`), so two people asking for the last place at once
cannot both get it, and a cancellation promotes exactly one person. Emails are
registered with `transaction.on_commit`. Errors are `ValidationError`s with translated
messages that say what to do next, and nothing is half-saved.
"""

import datetime
import math
from collections import Counter

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from consultations.models import CoDesignSession, split_codes
from engage.after_commit import on_commit_safely
from engage.communities.models import Action
from engage.communities.scopes import Scope
from engage.communities.services import record_participation

from . import rules as codesign_rules
from .models import (
    ACCESS_NEEDS_MAX_LENGTH,
    AgreedAction,
    Invitation,
    Rsvp,
    SessionNote,
    SessionSettings,
)
from .rules import RsvpBlocker, rsvp_blocker

INVITATION_SALT = "codesign.invitation"

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


def session_scope(session):
    return Scope.of("session", session.pk)


def _locked_session(session):
    """Lock the session row for the rest of the transaction (serialises place changes)."""
    return CoDesignSession.objects.select_for_update().get(pk=session.pk)


def free_places(session):
    """Places left, or None when the session has no limit."""
    if session.capacity is None:
        return None
    return max(session.capacity - Rsvp.objects.filter(session=session).confirmed().count(), 0)


def _email_on_commit(user_id, template, session):
    from engage.tasks import send_email_in_language

    context = {"session_id": session.pk, "session_title": session.title}
    on_commit_safely(
        lambda: send_email_in_language.enqueue(
            user_id,
            f"codesign/email/{template}_subject.txt",
            f"codesign/email/{template}_body.txt",
            {**context, "session_url": absolute_url(session.get_absolute_url())},
        ),
        f"co-design email {template}",
    )


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


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
        session = _locked_session(session)
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

        by_lot = codesign_rules.session_settings(session).places_by_lot
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
            _email_on_commit(user.pk, "confirmed", session)
        return row, outcome


def cancel_rsvp(user, session):
    """Give up `user`'s place (or leave the waiting list) at `session`.

    A freed place goes to the first person on the waiting list, who is emailed. Raises
    ValidationError when there is nothing to cancel or the session has started.
    Returns the person promoted, or None.
    """
    with transaction.atomic():
        session = _locked_session(session)
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


def promote_from_waiting_list(session):
    """Fill free places from the waiting list, first come first served; email each
    person promoted. Call inside a transaction that has locked the session. Returns the
    promoted RSVPs. Sessions whose places are drawn by lot are filled by the draw; once
    the panel is drawn, places freed later go to the waiting list in its order."""
    if (
        codesign_rules.session_settings(session).places_by_lot
        and not session.panel_selections.exists()
    ):
        return []
    if session.starts_at <= timezone.now():
        return []
    places = free_places(session)
    queue = Rsvp.objects.filter(session=session).waitlisted().select_for_update()
    if places is not None:
        queue = queue[:places]
    promoted = list(queue)
    for row in promoted:
        row.status = Rsvp.Status.CONFIRMED
        row.queued_at = None
        row.save(update_fields=["status", "queued_at", "updated_at"])
        _email_on_commit(row.user_id, "promoted", session)
    return promoted


def fill_free_places(session):
    """Promote people from the waiting list into places freed by a larger capacity."""
    with transaction.atomic():
        return promote_from_waiting_list(_locked_session(session))


def decline(user, session):
    """`user` declines their invitation (and gives up any place they held)."""
    with transaction.atomic():
        session = _locked_session(session)
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


# Invitations ---------------------------------------------------------------------


def _check_may_manage(staff_user, session):
    if not codesign_rules.can_manage_session(staff_user, session):
        raise PermissionDenied(_("Only city staff can manage co-design sessions."))


def invite(session, staff_user, *, user=None, email="", role=Invitation.Role.PARTICIPANT):
    """Invite an account, or an email address with no account yet, to `session`.

    An address that belongs to an account is refused with a message asking staff to
    invite the account instead, so invitations never go to two places. The person is
    emailed once the invitation is saved: an account in its own language, an address
    with a signed link (`invitation_url`) in the language active now.
    """
    _check_may_manage(staff_user, session)
    if role not in Invitation.Role.values:
        raise ValidationError({"role": _("Choose co-author or participant.")}, code="bad_role")
    email = (email or "").strip().lower()
    if user is None and not email:
        raise ValidationError(
            _("Give an account or an email address to invite."), code="no_recipient"
        )
    if user is None:
        account = get_user_model().objects.filter(email__iexact=email).first()
        if account is not None:
            raise ValidationError(
                {
                    "email": ValidationError(
                        _(
                            "%(email)s already has an account. Invite the account instead "
                            "(choose it under “account”), so the invitation reaches them when "
                            "they log in."
                        )
                        % {"email": email},
                        code="already_registered",
                    )
                }
            )
    if session.has_ended():
        raise ValidationError(
            _("This session has taken place; there is nothing left to invite anyone to."),
            code="ended",
        )
    duplicate = Invitation.objects.filter(session=session)
    duplicate = (
        duplicate.filter(user=user) if user is not None else duplicate.filter(email__iexact=email)
    )
    if duplicate.exists():
        raise ValidationError(
            _("This person is already invited to this session."), code="already_invited"
        )
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                session=session,
                user=user,
                email="" if user is not None else email,
                role=role,
                invited_by=staff_user,
            )
            if user is not None:
                _email_on_commit(user.pk, "invitation", session)
            else:
                language = translation.get_language() or settings.LANGUAGE_CODE
                on_commit_safely(
                    lambda: _send_address_invitation(invitation.pk, language),
                    "email an invitation to an address",
                )
    except IntegrityError:
        raise ValidationError(
            _("This person is already invited to this session."), code="already_invited"
        ) from None
    return invitation


# Sent after the transaction that invited an email address commits; `receivers.py`
# enqueues `tasks.send_invitation_to_address` (this module does not import the tasks).
address_invited = Signal()


def _send_address_invitation(invitation_id, language):
    address_invited.send(sender=Invitation, invitation_id=invitation_id, language=language)


def invitation_link_token(invitation):
    """The signed token in an invitation email's link."""
    return signing.dumps(invitation.token, salt=INVITATION_SALT)


def invitation_url(invitation, language=None):
    with translation.override(language or translation.get_language()):
        path = reverse(
            "consultations:session_invitation", kwargs={"token": invitation_link_token(invitation)}
        )
    return absolute_url(path)


def invitation_from_link(signed_token):
    """The invitation a link points to, or None when the link is broken or too old."""
    max_age = settings.CODESIGN_INVITATION_LINK_MAX_AGE_DAYS * 24 * 3600
    try:
        token = signing.loads(signed_token, salt=INVITATION_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    return Invitation.objects.select_related("session").filter(token=token).first()


def attach_invitations(user, email):
    """Give `user` the invitations sent to `email` before they had an account.

    Called when an address is confirmed (sign-up) and at log-in, only for addresses the
    person has verified, so nobody can claim someone else's invitation by typing their
    address. An invitation already held by the account for that session wins; the other
    is left alone. Returns how many invitations were attached.
    """
    email = (email or "").strip().lower()
    if not email or user is None or not user.is_authenticated:
        return 0
    attached = 0
    for invitation in Invitation.objects.filter(user__isnull=True, email__iexact=email):
        if Invitation.objects.filter(session_id=invitation.session_id, user=user).exists():
            continue
        with transaction.atomic():
            updated = Invitation.objects.filter(pk=invitation.pk, user__isnull=True).update(
                user=user
            )
        attached += updated
    return attached


def attach_verified_invitations(user):
    """`attach_invitations` for every verified address of `user`."""
    from allauth.account.models import EmailAddress

    count = 0
    for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
        "email", flat=True
    ):
        count += attach_invitations(user, address)
    return count


# After the session ----------------------------------------------------------------


def record_attendance(session, staff_user, attended_user_ids, *, present=True):
    """Record who came (or, with `present=False`, who did not) after the session.

    Only people who replied can be recorded. Each attendee is recorded in the
    participation ledger (`Action.ATTENDED` in `session:<id>`). The ledger only adds
    actions, so marking someone absent later does not remove the ledger flag.
    """
    _check_may_manage(staff_user, session)
    if session.starts_at > timezone.now():
        raise ValidationError(
            _("Attendance can be recorded once the session has started."), code="not_started"
        )
    ids = {int(pk) for pk in attended_user_ids}
    with transaction.atomic():
        rows = list(
            Rsvp.objects.select_for_update()
            .filter(session=session, user_id__in=ids)
            .select_related("user")
        )
        unknown = ids - {row.user_id for row in rows}
        if unknown:
            raise ValidationError(
                _("Attendance can only be recorded for people who replied to this session."),
                code="not_replied",
            )
        for row in rows:
            row.attended = present
            row.save(update_fields=["attended", "updated_at"])
            if present:
                record_participation(row.user, Action.ATTENDED, session_scope(session))
    return rows


def add_note(session, staff_user, text, *, kind=SessionNote.Kind.NOTE):
    """A note or decision on the session, written by staff."""
    _check_may_manage(staff_user, session)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the note or decision first.")}, code="empty")
    if kind not in SessionNote.Kind.values:
        raise ValidationError({"kind": _("Choose note or decision.")}, code="bad_kind")
    return SessionNote.objects.create(session=session, kind=kind, text=text, author=staff_user)


def add_agreed_action(session, staff_user, *, what, who, due_date=None):
    """An action agreed at the session: what, who, by when."""
    _check_may_manage(staff_user, session)
    what, who = (what or "").strip(), (who or "").strip()
    errors = {}
    if not what:
        errors["what"] = _("Say what was agreed.")
    if not who:
        errors["who"] = _("Say who will do it: a person, a team or an organisation.")
    if errors:
        raise ValidationError(errors)
    return AgreedAction.objects.create(session=session, what=what, who=who, due_date=due_date)


def set_session_settings(session, staff_user, **changes):
    """Switch invitation-only or places-by-lot on or off for `session`."""
    _check_may_manage(staff_user, session)
    row, _created = SessionSettings.objects.get_or_create(session=session)
    for name, value in changes.items():
        setattr(row, name, bool(value))
    row.save()
    return row


# Reminders ----------------------------------------------------------------------


def send_due_reminders(now=None):
    """Email everyone with a confirmed place at a session starting within
    `CODESIGN_REMINDER_HOURS` (default 24) and not started yet, once each.

    Each RSVP is claimed by an UPDATE that only succeeds while `reminded_at` is empty,
    so overlapping runs (two workers) cannot send a reminder twice. Returns how many
    reminders were sent.
    """
    now = now or timezone.now()
    horizon = now + datetime.timedelta(hours=settings.CODESIGN_REMINDER_HOURS)
    due = Rsvp.objects.filter(
        status=Rsvp.Status.CONFIRMED,
        reminded_at__isnull=True,
        session__starts_at__gt=now,
        session__starts_at__lte=horizon,
    ).select_related("session")
    sent = 0
    for row in due:
        with transaction.atomic():
            claimed = Rsvp.objects.filter(pk=row.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if claimed:
                _email_on_commit(row.user_id, "reminder", row.session)
                sent += 1
    return sent


# Panel by lot --------------------------------------------------------------------

UNDECLARED = "undeclared"


def session_pool(session, dimension):
    """The volunteers of `session` (confirmed and waiting), as `panels.Volunteer`s.

    Each volunteer's feature is their consented self-declaration in `dimension` (the
    category's code), or "undeclared". Ids are RSVP ids, never names or accounts.
    """
    from engage.communities.models import Declaration
    from engage.communities.panels import Volunteer

    rows = list(Rsvp.objects.filter(session=session).active().order_by("pk"))
    declared = dict(
        Declaration.objects.filter(
            user_id__in=[row.user_id for row in rows],
            dimension=dimension,
            category__isnull=False,
            user__declaration_consents__withdrawn_at__isnull=True,
        ).values_list("user_id", "category__slug")
    )
    return [
        Volunteer(str(row.pk), {dimension.slug: declared.get(row.user_id, UNDECLARED)})
        for row in rows
    ]


def baseline_quotas(pool, dimension, size, area=None):
    """Quotas that make a panel of `size` mirror `area`'s population (the city by
    default) in `dimension`: for each group in the pool, its share of the population
    times the size, rounded down and up, give or take one. People who did not declare
    are allowed in freely (min 0)."""
    from engage.communities.models import BaselineShare
    from engage.communities.panels import Quota
    from engage.communities.representation import city_area

    area = area or city_area()
    shares = {}
    if area is not None:
        shares = dict(
            BaselineShare.objects.filter(area=area, category__dimension=dimension).values_list(
                "category__slug", "share"
            )
        )
    counts = Counter(volunteer.features[dimension.slug] for volunteer in pool)
    quotas = []
    for value, available in sorted(counts.items()):
        if value == UNDECLARED or value not in shares:
            quotas.append(Quota(dimension.slug, value, 0, size))
            continue
        target = float(shares[value]) * size
        low = max(math.floor(target) - 1, 0)
        high = min(math.ceil(target) + 1, size)
        quotas.append(Quota(dimension.slug, value, min(low, available), high))
    return quotas


def select_panel_for_session(
    session, staff_user, *, dimension=None, quotas=None, algorithm=None, seed=None
):
    """Draw the panel for `session` by lot and apply it (the seam to `panels`).

    The pool is everyone who asked for a place (confirmed or waiting); the panel size is
    the session's capacity. Quotas are given, or built from the city's baseline for
    `dimension` (`baseline_quotas`). `engage.communities.panels.select_panel` draws the
    panel; the draw is recorded as a `PanelSelection` against the session. Everyone
    selected gets a confirmed place (emailed); everyone else waits, in their original
    order. Raises PermissionDenied for non-staff, ValidationError when there is nothing
    to draw, and `panels.PanelError` (with translated explanations) when the quotas
    cannot be met. Returns the `PanelSelection`.
    """
    from engage.communities import panels

    _check_may_manage(staff_user, session)
    if session.capacity is None:
        raise ValidationError(
            _("Set the number of places on the session before drawing a panel."),
            code="no_capacity",
        )
    if session.starts_at <= timezone.now():
        raise ValidationError(
            _("This session has already started; a panel can only be drawn before it."),
            code="started",
        )
    if dimension is None and quotas is None:
        raise ValidationError(
            _("Choose the community dimension the panel should mirror."), code="no_dimension"
        )
    with transaction.atomic():
        session = _locked_session(session)
        pool = session_pool(session, dimension) if dimension is not None else None
        if pool is None:
            raise ValidationError(_("Choose a dimension for the pool."), code="no_dimension")
        if len(pool) <= session.capacity:
            raise ValidationError(
                _(
                    "There are %(volunteers)s volunteers for %(places)s places: everyone can "
                    "have a place, so there is nothing to draw."
                )
                % {"volunteers": len(pool), "places": session.capacity},
                code="nothing_to_draw",
            )
        if quotas is None:
            quotas = baseline_quotas(pool, dimension, session.capacity)
        draw = panels.select_panel(
            pool,
            quotas,
            session.capacity,
            algorithm=algorithm or panels.DEFAULT_ALGORITHM,
            seed=seed,
        )
        selection = panels.record_draw(draw, session=session, run_by=staff_user)
        selected = {int(pk) for pk in draw.selected}
        now = timezone.now()
        for row in Rsvp.objects.filter(session=session).active().select_for_update():
            if row.pk in selected:
                if row.status != Rsvp.Status.CONFIRMED:
                    row.status, row.queued_at = Rsvp.Status.CONFIRMED, None
                    row.save(update_fields=["status", "queued_at", "updated_at"])
                    _email_on_commit(row.user_id, "selected", session)
            elif row.status != Rsvp.Status.WAITLISTED:
                row.status, row.queued_at = Rsvp.Status.WAITLISTED, row.created_at or now
                row.save(update_fields=["status", "queued_at", "updated_at"])
    return selection
