"""Who may do what with consultations."""

import rules

from engage.accounts.rules import is_city_staff, is_moderator, is_verified


@rules.predicate
def is_published(user, consultation):
    return consultation is not None and consultation.live


@rules.predicate
def is_open(user, consultation):
    return consultation is not None and consultation.is_open


can_view_consultation = is_published | is_city_staff | is_moderator
can_take_part = is_published & is_open & is_verified

rules.add_rule("consultations.view_consultation", can_view_consultation)
rules.add_rule("consultations.take_part", can_take_part)
