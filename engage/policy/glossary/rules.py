"""Who may do what with the glossary (django-rules).

- `glossary.view_term` (object: a term): everybody once it is agreed or retired;
  while proposed or under review, city staff and partner members;
- `glossary.manage`: edit terms in the admin, move them through the workflow (start a
  review, return, retire, propose again), import and export — city staff with
  two-factor authentication;
- `glossary.review` (object: a term or None): give a partner organisation's decision —
  a member of an active partner organisation, with two-factor authentication, on a
  term under review (without an object: may take part in reviews at all);
- `glossary.view_review` (object: a term): the review page with the partners'
  comments — staff (TOTP) and partner members (TOTP).
"""

import rules

from engage.accounts.rules import has_mfa, is_city_staff, is_partner_member
from engage.policy.models import PartnerOrganisation

from .models import PUBLIC_STATUSES, TermStatus

can_manage = is_city_staff & has_mfa


@rules.predicate
def is_public_term(user, term):
    return term is not None and term.status in PUBLIC_STATUSES


@rules.predicate
def is_under_review(user, term=None):
    return term is None or term.status == TermStatus.UNDER_REVIEW


def may_see_drafts(user):
    """Staff and partner members read terms before they are agreed."""
    return bool(is_city_staff(user) or is_partner_member(user))


@rules.predicate
def sees_drafts(user):
    return may_see_drafts(user)


def organisations_of(user):
    """The active partner organisations `user` may act for."""
    if not (user and user.is_authenticated and user.is_active):
        return PartnerOrganisation.objects.none()
    return PartnerOrganisation.objects.filter(is_active=True, memberships__user=user).distinct()


can_review = is_partner_member & has_mfa & is_under_review
can_view_review = can_manage | (is_partner_member & has_mfa)

RULES = {
    "glossary.view_term": is_public_term | sees_drafts,
    "glossary.manage": can_manage,
    "glossary.review": can_review,
    "glossary.view_review": can_view_review,
}

for _name, _predicate in RULES.items():
    rules.add_rule(_name, _predicate)
    rules.add_perm(_name, _predicate)
