"""Who may exchange with other cities: city staff with two-factor authentication
export, publish, manage trusted cities and review imports. Everyone may read what the
city publishes (its public key, its feed and the packages in it)."""

import rules

from engage.accounts.rules import has_mfa, is_city_staff

#: Export and publish packages, manage trusted cities and subscriptions, review imports.
MANAGE_EXCHANGE = "exchange.manage"

can_manage_exchange = is_city_staff & has_mfa

rules.set_rule(MANAGE_EXCHANGE, can_manage_exchange)
rules.set_perm(MANAGE_EXCHANGE, can_manage_exchange)
