"""Who may see and download which areas of the community sentiment dashboard.

The dashboard is a report about communities, so it follows the rules of every report
(`engage.accounts.rules`): "accounts.view_reports" to see an area, "accounts.export" to
download it, both asked with the scope `area:<code>`. City staff (with two-factor
authentication) see every area; a partner organisation's member sees the areas its
grants cover (a `city` grant covers them all). The answers come from the roles cached
on the user object, so checking fifty areas costs no more queries than checking one.
"""

import rules

from engage.communities.models import Area
from engage.communities.scopes import AREA, CITY

VIEW_RULE = "accounts.view_reports"
EXPORT_RULE = "accounts.export"


def area_scope(code):
    return f"{AREA}:{code}"


def all_areas():
    """Every area, by name, with whether it has children (one query)."""
    return list(Area.objects.order_by("name", "code").only("code", "name", "parent", "boundary"))


def may_see_city(user):
    """True when `user` may see every area (city staff, or a city-wide grant)."""
    return rules.test_rule(VIEW_RULE, user, CITY)


def visible_areas(user, areas):
    """The `areas` whose figures `user` may see."""
    if rules.test_rule(VIEW_RULE, user, CITY):
        return list(areas)
    return [area for area in areas if rules.test_rule(VIEW_RULE, user, area_scope(area.code))]


def exportable_areas(user, areas):
    """The `areas` whose figures `user` may download."""
    if rules.test_rule(EXPORT_RULE, user, CITY):
        return list(areas)
    return [area for area in areas if rules.test_rule(EXPORT_RULE, user, area_scope(area.code))]


def may_export_city(user):
    return rules.test_rule(EXPORT_RULE, user, CITY)
