"""Who may download an equality impact assessment: the staff who manage assessments,
and members of a partner organisation (two-factor) whose grant of EXPORT covers the
assessment's subject (`consultation:<id>`; a standalone assessment needs a `city`
grant). Registered on import (`engage.impact.eia.views` imports this module)."""

import rules

from engage.accounts.rules import has_mfa, is_partner_member, partner_access_for
from engage.policy.models import PartnerGrant

from ..rules import can_manage


@rules.predicate
def partner_may_export_assessment(user, assessment):
    if assessment is None:
        return False
    scope = assessment.subject_scope or "city"
    return partner_access_for(user, scope, {PartnerGrant.Access.EXPORT})


can_export_eia = can_manage | (has_mfa & is_partner_member & partner_may_export_assessment)

rules.add_rule("impact.export_eia", can_export_eia)
