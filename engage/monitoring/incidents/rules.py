"""Who may see and handle hate incident reports. Views, admin views and services ask
these; nothing else decides.

- city staff with two-factor authentication triage every report;
- a member of the partner organisation a report was referred to (with two-factor
  authentication) sees that report, and nobody else's;
- the signed-in person who made a report sees it and may delete it (anonymous
  reporters use the secret link instead, checked in the views by the secret itself);
- nobody else sees any report: the public sees only suppressed aggregates.
"""

import rules

from engage.accounts.rules import has_mfa, is_city_staff, is_partner_member
from engage.policy.models import PartnerMembership


def partner_organisation_ids(user):
    """Ids of the active partner organisations `user` is a member of."""
    if not (user and user.is_authenticated and user.is_active):
        return frozenset()
    cache = user.__dict__.setdefault("_incident_partner_ids", None)
    if cache is None:
        cache = frozenset(
            PartnerMembership.objects.filter(user=user, organisation__is_active=True).values_list(
                "organisation_id", flat=True
            )
        )
        user.__dict__["_incident_partner_ids"] = cache
    return cache


@rules.predicate
def is_reporter(user, report):
    return (
        report is not None
        and bool(user and user.is_authenticated)
        and report.reporter_id is not None
        and report.reporter_id == user.pk
    )


@rules.predicate
def is_receiving_partner(user, report):
    """A member of the active partner organisation the report was referred to."""
    return (
        report is not None
        and report.referred_to_id is not None
        and report.referred_to_id in partner_organisation_ids(user)
    )


can_triage = is_city_staff & has_mfa
can_view_referrals = is_partner_member & has_mfa
can_view_as_partner = has_mfa & is_receiving_partner
can_view_own = is_reporter

RULES = {
    "incidents.triage": can_triage,
    "incidents.view_referrals": can_view_referrals,
    "incidents.view_as_partner": can_view_as_partner,
    "incidents.view_own": can_view_own,
}

for _name, _predicate in RULES.items():
    rules.add_rule(_name, _predicate)
