"""Who may do what with information-sharing agreements and information requests.

- `policy.manage_agreements`: draft, send for signature, terminate agreements, read
  their audit and decide information requests — city staff with two-factor
  authentication (the admin asks it through `RulePermissionPolicy`);
- `policy.view_agreement` (object: an agreement): its page — staff (TOTP), its
  signatories, and members of its party organisations;
- `policy.sign_agreement` / `policy.withdraw_signature` (object: an agreement): a
  named signatory, while it awaits signatures or is in force, who has not yet signed
  (sign) or has signed and not withdrawn (withdraw);
- `policy.see_own_agreements`: the "What I can see and why" page — partner members;
- `policy.request_information`: partner members with two-factor authentication (the
  answers are reports, which need it);
- `policy.see_information_requests`: the list of requests — staff (TOTP, all of them)
  and partner members with TOTP (their organisations');
- `policy.view_information_request` (object: a request): staff (TOTP) and members of
  the asking organisation;
- `policy.download_information_answer` (object: a request): members of the asking
  organisation with TOTP, once answered, while its agreement is in force.
"""

import rules

from engage.accounts.rules import has_mfa, is_city_staff, is_partner_member

from .models import AgreementStatus, PartnerMembership

can_manage = is_city_staff & has_mfa


def _member_of(user, organisation_ids):
    if not (user and user.is_authenticated and user.is_active):
        return False
    return PartnerMembership.objects.filter(
        user=user, organisation_id__in=organisation_ids, organisation__is_active=True
    ).exists()


@rules.predicate
def is_signatory(user, agreement):
    if agreement is None or not user.is_authenticated:
        return False
    return agreement.signatories.filter(user=user).exists()


@rules.predicate
def is_party_member(user, agreement):
    if agreement is None:
        return False
    return _member_of(user, agreement.parties.values("organisation_id"))


@rules.predicate
def is_open_for_signature(user, agreement):
    return agreement is not None and agreement.status in (
        AgreementStatus.AWAITING_SIGNATURES,
        AgreementStatus.IN_FORCE,
    )


@rules.predicate
def has_signature_to_give(user, agreement):
    if agreement is None or not user.is_authenticated:
        return False
    return agreement.signatories.filter(
        user=user, signed_at__isnull=True, withdrawn_at__isnull=True
    ).exists()


@rules.predicate
def has_signature_to_withdraw(user, agreement):
    if agreement is None or not user.is_authenticated:
        return False
    return agreement.signatories.filter(
        user=user, signed_at__isnull=False, withdrawn_at__isnull=True
    ).exists()


@rules.predicate
def is_requesting_member(user, request):
    return request is not None and _member_of(user, [request.organisation_id])


@rules.predicate
def is_answered(user, request):
    return request is not None and request.is_answered


@rules.predicate
def agreement_in_force(user, request):
    return request is not None and request.agreement.is_in_force()


is_active_account = rules.is_active & rules.is_authenticated

RULES = {
    "policy.manage_agreements": can_manage,
    "policy.view_agreement": can_manage | is_signatory | is_party_member,
    "policy.sign_agreement": is_active_account & is_open_for_signature & has_signature_to_give,
    "policy.withdraw_signature": is_active_account
    & is_open_for_signature
    & has_signature_to_withdraw,
    "policy.see_own_agreements": is_partner_member,
    "policy.request_information": is_partner_member & has_mfa,
    "policy.see_information_requests": can_manage | (is_partner_member & has_mfa),
    "policy.view_information_request": can_manage | is_requesting_member,
    "policy.download_information_answer": has_mfa
    & is_requesting_member
    & is_answered
    & agreement_in_force,
}

for _name, _predicate in RULES.items():
    rules.add_rule(_name, _predicate)
    rules.add_perm(_name, _predicate)
