"""Who may use the unintended-consequences register: the staff who manage impact
assessments (city staff with two-factor authentication). Registered on import
(`engage.impact.register.urls` imports the views, which import this module)."""

import rules

from ..rules import can_manage

rules.add_rule("impact.manage_register", can_manage)
