"""Who may follow consultations and change notification settings."""

import rules

from consultations.rules import is_published
from engage.accounts.rules import is_city_staff, is_moderator, is_verified

#: Follow a published consultation; `obj` is the ConsultationPage. Emails only go to
#: verified addresses, so following needs one.
FOLLOW_CONSULTATION = "following.follow_consultation"
#: Change one's own notification settings (no object).
MANAGE_NOTIFICATIONS = "following.manage_notifications"

rules.add_rule(FOLLOW_CONSULTATION, is_verified & is_published)
rules.add_rule(MANAGE_NOTIFICATIONS, rules.is_authenticated & rules.is_active)

# The outcome page before its publication: staff and moderators may preview it. (It
# lives here with the rest of this feature; `ConsultationPage.outcome_view` asks it.)
rules.add_rule("consultations.preview_outcome", is_city_staff | is_moderator)
