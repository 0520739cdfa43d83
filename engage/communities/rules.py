"""Who may manage community data (dimensions, community groups, areas, baselines and
their imports) in the admin. Built from the predicates in `engage.accounts.rules`, so
the admin, commands and tests agree; the admin asks through `RulePermissionPolicy`."""

import rules

from engage.accounts.rules import is_city_staff

#: The rule for editing dimensions, groups, areas and baselines, and for imports.
MANAGE_COMMUNITY_DATA = "communities.manage_data"

# Community data is reference data, not personal data: city staff manage it, as they
# manage partners and leadership mandates. (The admin itself insists on two-factor
# authentication before anyone reaches these views.)
can_manage_community_data = is_city_staff

rules.set_rule(MANAGE_COMMUNITY_DATA, can_manage_community_data)
rules.set_perm(MANAGE_COMMUNITY_DATA, can_manage_community_data)
