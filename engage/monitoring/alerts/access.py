"""Who may do what with early warning (the app's permission rules; `rules/` holds the
alert maths, so these live here).

- City staff with TOTP manage rules and alerts: acknowledge, assign, add notes, close,
  download the response log.
- Members of a partner organisation with TOTP read, without acting on them, the alerts
  whose scope one of their grants covers (a city grant covers every alert; an
  `area:<code>` grant that area's alerts; a `consultation:<id>` grant that
  consultation's polarisation alerts), and may subscribe to emails about those.
- Residents, community leaders, moderators and visitors see nothing.

Emails go to subscribed people who may receive the alert (`may_receive_alert`: staff,
or a partner whose grant covers the scope); reading it on the site still needs TOTP.
"""

import rules

from engage.accounts.rules import (
    can_view_reports,
    has_mfa,
    is_city_staff,
    is_partner_member,
    partner_grants,
    partner_may_view_reports,
)

MANAGE_ALERTS = "monitoring_alerts.manage"
VIEW_ALERTS = "monitoring_alerts.view_any"
VIEW_ALERT = "monitoring_alerts.view"


@rules.predicate
def has_report_grant(user):
    """A partner member with at least one view or export grant."""
    return bool(partner_grants(user))


@rules.predicate
def may_view_alert(user, alert=None):
    """`accounts.view_reports` for the alert's scope."""
    if alert is None:
        return False
    return can_view_reports.test(user, alert.scope)


@rules.predicate
def may_receive_alert(user, alert=None):
    """Staff, or a partner member whose grant covers the alert's scope (no TOTP needed
    to receive the email; the page behind its link asks for it)."""
    if alert is None:
        return False
    return is_city_staff(user) or (
        is_partner_member(user) and partner_may_view_reports(user, alert.scope)
    )


can_manage_alerts = is_city_staff & has_mfa
can_view_alerts = has_mfa & (is_city_staff | (is_partner_member & has_report_grant))

RULES = {
    MANAGE_ALERTS: can_manage_alerts,
    VIEW_ALERTS: can_view_alerts,
    VIEW_ALERT: may_view_alert,
}

for _name, _predicate in RULES.items():
    rules.set_rule(_name, _predicate)
    rules.set_perm(_name, _predicate)
