"""Who may see the composition of opinion groups by community group on the live map
(`opinions.view_composition`): city staff, and members of a partner organisation whose
grant to view reports (or export) covers the map's scope, both with two-factor
authentication, as for representation reports (`engage.accounts.rules.can_view_reports`).
Residents and anonymous visitors never see it. Seeing the map itself is
`opinions.view_map` (engage/opinions/rules.py).
"""

import rules

from engage.accounts.rules import has_mfa, is_city_staff, is_partner_member, partner_access_for
from engage.policy.models import PartnerGrant

from ..rules import can_view_map

VIEW_COMPOSITION = "opinions.view_composition"


@rules.predicate
def partner_covers_map(user, opinion_map):
    """A partner grant to view reports (or to export) covers the map's scope; a
    standalone map belongs to the whole city, so only a city-wide grant covers it."""
    if opinion_map is None:
        return False
    return partner_access_for(
        user,
        opinion_map.scope or "city",
        {PartnerGrant.Access.VIEW_REPORTS, PartnerGrant.Access.EXPORT},
    )


can_view_composition = (
    can_view_map & has_mfa & (is_city_staff | (is_partner_member & partner_covers_map))
)

rules.set_rule(VIEW_COMPOSITION, can_view_composition)
rules.set_perm(VIEW_COMPOSITION, can_view_composition)
