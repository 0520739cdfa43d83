"""Who may read a discussion guide: its audience decides.

- everyone: anybody, signed in or not;
- partner organisations and staff: city staff, and members of an active partner
  organisation of any sector (public, private or third sector);
- staff only: city staff.

Ask `rules.test_rule("guides.read_guide", user, page)`; lists ask `readable_audiences`.
"""

import rules

from engage.accounts.rules import is_city_staff, is_partner_member

from .audience import GuideAudience


def readable_audiences(user):
    """The audiences whose guides `user` may read (a list of `GuideAudience` values)."""
    audiences = [GuideAudience.EVERYONE]
    if is_city_staff(user) or is_partner_member(user):
        audiences.append(GuideAudience.PARTNERS)
    if is_city_staff(user):
        audiences.append(GuideAudience.STAFF)
    return audiences


@rules.predicate
def may_read_guide(user, page):
    """`page` (a DiscussionGuidePage) is meant for an audience `user` belongs to."""
    if page is None:
        return False
    return getattr(page, "audience", GuideAudience.EVERYONE) in readable_audiences(user)


rules.add_rule("guides.read_guide", may_read_guide)
rules.add_perm("guides.read_guide", may_read_guide)
