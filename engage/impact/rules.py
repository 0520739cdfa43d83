"""Who may do what with impact assessments (django-rules).

- `impact.manage_assessments`: create, edit, version, send for review and publish —
  city staff with two-factor authentication;
- `impact.view_assessment` (object: an assessment): the full grid, comments and
  warnings — staff (TOTP), its community leaders, and partner members whose grant of
  aggregate reports covers its subject (`consultation:<id>`; a standalone assessment
  needs a `city` grant);
- `impact.comment` / `impact.sign_off`: its leaders (sign-off while in review); staff
  comment too;
- `impact.view_summary`: anyone once published; otherwise as `view_assessment`.
"""

import rules

from engage.accounts.rules import has_mfa, is_city_staff, is_partner_member, partner_access_for
from engage.policy.models import PartnerGrant

can_manage = is_city_staff & has_mfa


@rules.predicate
def is_assessment_leader(user, assessment):
    if assessment is None or not user.is_authenticated:
        return False
    return assessment.leaders.filter(pk=user.pk).exists()


@rules.predicate
def partner_covers(user, assessment):
    if assessment is None:
        return False
    scope = assessment.subject_scope or "city"
    return partner_access_for(
        user, scope, {PartnerGrant.Access.VIEW_REPORTS, PartnerGrant.Access.EXPORT}
    )


@rules.predicate
def is_in_review(user, assessment):
    return assessment is not None and assessment.status == "in_review"


@rules.predicate
def is_published(user, assessment):
    return assessment is not None and assessment.status == "published"


can_view = can_manage | is_assessment_leader | (has_mfa & is_partner_member & partner_covers)

RULES = {
    "impact.manage_assessments": can_manage,
    "impact.view_assessment": can_view,
    "impact.comment": can_manage | is_assessment_leader,
    "impact.sign_off": is_assessment_leader & is_in_review,
    "impact.view_summary": is_published | can_view,
    # The policy-area pages (weights, related items, the area's matrix row): city staff.
    "impact.view_policy_areas": can_manage,
}

for _name, _predicate in RULES.items():
    rules.add_rule(_name, _predicate)
    rules.add_perm(_name, _predicate)
