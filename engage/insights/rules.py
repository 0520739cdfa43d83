"""Who may read the text signals: the same people as representation reports.

City staff see every scope; members of a partner organisation see the scopes their
grants cover (view or export access); both with TOTP set up, as for every aggregate
report. A policy area is not a scope grants can name, so for partners it needs a city
grant. Residents, community leaders and moderators do not see them (moderators judge
content, not communities). The object is an `aggregates.SignalScope`.
"""

import rules

from engage.accounts.rules import can_view_reports
from engage.communities.scopes import CITY, Scope

VIEW_SIGNALS = "insights.view_signals"


@rules.predicate
def may_view_signals(user, scope=None):
    """`accounts.view_reports` for the scope (the city's, for a policy area)."""
    if scope is None:
        return False
    as_scope = getattr(scope, "as_scope", scope)
    return can_view_reports.test(user, as_scope if as_scope is not None else Scope(CITY))


rules.set_rule(VIEW_SIGNALS, may_view_signals)
rules.set_perm(VIEW_SIGNALS, may_view_signals)
