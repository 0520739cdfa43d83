"""Writes for co-design sessions, one module per concern:

- `rsvps`: asking for a place, cancelling, declining an invitation;
- `waiting_list`: moving people up into free places;
- `invitations`: inviting accounts and addresses, signed links, attaching invitations;
- `follow_up`: attendance, notes and decisions, agreed actions;
- `reminders`: the day-before reminder;
- `panel`: places drawn by lot;
- `sessions`: the session row (lock, places left, switches) and `emails`.

Views, the API, the admin and commands all call these (through the names re-exported
here: `services.rsvp(...)`), so they validate and behave the same way. Each write is
one transaction; changes to a session's places lock the session row first (`SELECT …
FOR UPDATE`), so two people asking for the last place at once cannot both get it, and a
cancellation promotes exactly one person. Emails are registered with
`transaction.on_commit`. Errors are `ValidationError`s with translated messages that
say what to do next, and nothing is half-saved.
"""

from .emails import absolute_url
from .follow_up import add_agreed_action, add_note, record_attendance
from .invitations import (
    INVITATION_SALT,
    address_invited,
    attach_invitations,
    attach_verified_invitations,
    invitation_from_link,
    invitation_link_token,
    invitation_url,
    invite,
)
from .panel import UNDECLARED, baseline_quotas, select_panel_for_session, session_pool
from .reminders import send_due_reminders
from .rsvps import RSVP_BLOCKER_MESSAGES, RsvpOutcome, cancel_rsvp, decline, rsvp
from .sessions import free_places, session_scope, set_session_settings
from .waiting_list import fill_free_places, promote_from_waiting_list

__all__ = [
    "INVITATION_SALT",
    "RSVP_BLOCKER_MESSAGES",
    "UNDECLARED",
    "RsvpOutcome",
    "absolute_url",
    "add_agreed_action",
    "add_note",
    "address_invited",
    "attach_invitations",
    "attach_verified_invitations",
    "baseline_quotas",
    "cancel_rsvp",
    "decline",
    "fill_free_places",
    "free_places",
    "invitation_from_link",
    "invitation_link_token",
    "invitation_url",
    "invite",
    "promote_from_waiting_list",
    "record_attendance",
    "rsvp",
    "select_panel_for_session",
    "send_due_reminders",
    "session_pool",
    "session_scope",
    "set_session_settings",
]
