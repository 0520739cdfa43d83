"""Who may do what with pulse surveys. Built from `engage.accounts.rules`.

- answer signed in: a resident with a verified email address (anyone holding an
  unused one-time link may answer without an account: the link is the permission);
- see a wave's results: city staff, and members of partners whose grants cover every
  area the wave is about (a `city` grant covers all), with two-factor authentication,
  as for every report;
- manage waves and issue links: city staff (in the admin).
"""

import rules

from engage.accounts.rules import (
    can_take_part,
    has_mfa,
    is_city_staff,
    is_partner_member,
    partner_may_view_reports,
)

MANAGE = "pulse.manage"
VIEW_RESULTS = "pulse.view_results"
ANSWER = "pulse.answer"


def wave_scopes(wave):
    """The scopes (text) a wave is about: its areas, or "city"."""
    codes = sorted(area.code for area in wave.areas.all())
    return [f"area:{code}" for code in codes] or ["city"]


@rules.predicate
def partner_covers_wave(user, wave):
    """A partner grant (view reports or export) covers every scope of `wave`."""
    if wave is None:
        return False
    return all(partner_may_view_reports(user, scope) for scope in wave_scopes(wave))


can_view_results = has_mfa & (is_city_staff | (is_partner_member & partner_covers_wave))

for _name, _predicate in {
    MANAGE: is_city_staff,
    VIEW_RESULTS: can_view_results,
    ANSWER: can_take_part,
}.items():
    rules.set_rule(_name, _predicate)
    rules.set_perm(_name, _predicate)
