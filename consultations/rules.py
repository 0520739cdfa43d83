"""Who may do what with consultations and co-design sessions.

"Published" means live and visible to the person under the page's Wagtail view
restrictions (`engage.accounts.rules.is_visible_page`), so a consultation for one group
keeps its comments, proposals and live updates to that group in the API and sockets too.
"""

import rules

from engage.accounts.rules import is_city_staff, is_moderator, is_verified, is_visible_page


@rules.predicate
def is_published(user, consultation):
    return is_visible_page(user, consultation)


@rules.predicate
def is_open(user, consultation):
    return consultation is not None and consultation.is_open


can_view_consultation = is_published | is_city_staff | is_moderator
can_take_part = is_published & is_open & is_verified

rules.add_rule("consultations.view_consultation", can_view_consultation)
rules.add_rule("consultations.take_part", can_take_part)


@rules.predicate
def is_public_session(user, session):
    """Sessions not tied to a consultation, or tied to a published one, are public."""
    return session is not None and (
        session.consultation_id is None or is_visible_page(user, session.consultation)
    )


rules.add_rule("consultations.view_session", is_public_session | is_city_staff | is_moderator)


class TakePartBlocker:
    """Why someone cannot take part in a consultation; the template explains each one."""

    NOT_PUBLISHED = "not_published"
    UPCOMING = "upcoming"
    CLOSED = "closed"
    LOG_IN = "log_in"
    VERIFY_EMAIL = "verify_email"


def take_part_blocker(user, consultation):
    """None when `consultations.take_part` allows `user` in; otherwise a `TakePartBlocker`.

    The consultation's own state comes first: telling someone to log in to a closed
    consultation would send them on a pointless errand.
    """
    if rules.test_rule("consultations.take_part", user, consultation):
        return None
    if not is_visible_page(user, consultation):
        return TakePartBlocker.NOT_PUBLISHED
    if not consultation.is_open:
        from .models import ConsultationStatus

        if consultation.status == ConsultationStatus.UPCOMING:
            return TakePartBlocker.UPCOMING
        return TakePartBlocker.CLOSED
    if not (user and user.is_authenticated):
        return TakePartBlocker.LOG_IN
    return TakePartBlocker.VERIFY_EMAIL
