"""Who may see and write tension assessments. Built from `engage.accounts.rules`.

Assessments are never public. With two-factor authentication:

- city staff see every assessment and its history;
- members of a partner organisation whose grant (view reports or export) covers an
  area (`area:<code>`, or `city` for every area) see that area's assessments, submit
  new ones for it, and revise their own organisation's.
"""

import rules

from engage.accounts.rules import (
    has_mfa,
    is_city_staff,
    is_partner_member,
    partner_grants_used,
    partner_may_view_reports,
)
from engage.policy.models import PartnerGrant, PartnerOrganisation

VIEW_ANY = "tension.view_any"
VIEW = "tension.view"
SUBMIT = "tension.submit"
SUBMIT_FOR_AREA = "tension.submit_for_area"
REVISE = "tension.revise"
MANAGE_INDICATORS = "tension.manage_indicators"

REPORT_ACCESS = {PartnerGrant.Access.VIEW_REPORTS, PartnerGrant.Access.EXPORT}


def granted_area_codes(user):
    """Area codes the user's partner grants cover; None when a `city` grant covers all."""
    codes = set()
    for scope, _access in partner_grants_used(user, REPORT_ACCESS, kinds={"city", "area"}):
        if scope == "city":
            return None
        kind, _sep, code = scope.partition(":")
        if kind == "area" and code:
            codes.add(code)
    return codes


def visible_area_codes(user):
    """The codes of the areas whose assessments `user` may see: None for all (city staff,
    or a `city` grant), else the areas their report grants cover (maybe none). The one
    place the list of assessments is scoped: `Assessment.objects.visible_to(user)`."""
    if is_city_staff(user):
        return None
    return granted_area_codes(user)


def organisations_for_area(user, area):
    """The user's active partner organisations whose grant covers `area`."""
    scopes = ["city", f"area:{area.code}"]
    grants = PartnerGrant.objects.usable_by(user).filter(
        scope__in=scopes, access__in=list(REPORT_ACCESS)
    )
    return PartnerOrganisation.objects.filter(pk__in=grants.values("organisation"))


@rules.predicate
def partner_covers_area(user, area):
    return area is not None and partner_may_view_reports(user, f"area:{area.code}")


@rules.predicate
def partner_covers_assessment(user, assessment):
    return assessment is not None and partner_covers_area(user, assessment.area)


@rules.predicate
def partner_covers_some_area(user):
    codes = granted_area_codes(user)
    return codes is None or bool(codes)


@rules.predicate
def member_of_assessing_organisation(user, assessment):
    return (
        assessment is not None
        and assessment.organisation.memberships.filter(
            user=user, organisation__is_active=True
        ).exists()
    )


partner_may_submit = is_partner_member & partner_covers_some_area

RULES = {
    # The list of assessments: anyone who may see at least one area's.
    VIEW_ANY: has_mfa & (is_city_staff | partner_may_submit),
    VIEW: has_mfa & (is_city_staff | (is_partner_member & partner_covers_assessment)),
    SUBMIT: has_mfa & partner_may_submit,
    SUBMIT_FOR_AREA: has_mfa & is_partner_member & partner_covers_area,
    REVISE: has_mfa
    & is_partner_member
    & partner_covers_assessment
    & member_of_assessing_organisation,
    MANAGE_INDICATORS: is_city_staff,
}

for _name, _predicate in RULES.items():
    rules.set_rule(_name, _predicate)
    rules.set_perm(_name, _predicate)
