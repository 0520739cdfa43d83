"""Role × action matrix for engage.accounts.rules."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from engage.accounts import rules as account_rules
from engage.accounts.models import CommunityLeadership
from engage.communities.scopes import Scope
from engage.policy.models import PartnerGrant
from tests import factories

EXPORT = PartnerGrant.Access.EXPORT
VIEW = PartnerGrant.Access.VIEW_REPORTS
SCOPE = "consultation:7"

ROLES = {
    "anonymous": lambda: AnonymousUser(),
    "unverified": lambda: factories.UserFactory(verified=False),
    "inactive": lambda: factories.UserFactory(is_active=False),
    "resident": lambda: factories.UserFactory(),
    "leader": lambda: factories.leader(),
    "moderator": lambda: factories.moderator(),
    "moderator_totp": lambda: factories.with_totp(factories.moderator()),
    "staff": lambda: factories.city_staff(),
    "staff_totp": lambda: factories.with_totp(factories.city_staff()),
    "superuser_totp": lambda: factories.with_totp(
        factories.UserFactory(is_superuser=True, is_staff=True)
    ),
    "partner": lambda: factories.partner_member(),
    "partner_view_grant": lambda: factories.with_totp(
        factories.partner_member(grants=[(SCOPE, VIEW)])
    ),
    "partner_export_grant": lambda: factories.partner_member(grants=[(SCOPE, EXPORT)]),
    "partner_export_grant_totp": lambda: factories.with_totp(
        factories.partner_member(grants=[(SCOPE, EXPORT)])
    ),
    "partner_city_grant_totp": lambda: factories.with_totp(
        factories.partner_member(grants=[("city", EXPORT)])
    ),
    "partner_other_scope_totp": lambda: factories.with_totp(
        factories.partner_member(grants=[("consultation:8", EXPORT)])
    ),
}

# Columns: take_part, moderate, export (SCOPE), view_reports (SCOPE),
# grant_leadership, access_admin.
MATRIX = {
    "anonymous": (0, 0, 0, 0, 0, 0),
    "unverified": (0, 0, 0, 0, 0, 0),
    "inactive": (0, 0, 0, 0, 0, 0),
    "resident": (1, 0, 0, 0, 0, 0),
    "leader": (1, 0, 0, 0, 0, 0),
    "moderator": (1, 0, 0, 0, 0, 0),
    "moderator_totp": (1, 1, 0, 0, 0, 1),
    "staff": (1, 0, 0, 0, 1, 0),
    "staff_totp": (1, 0, 1, 1, 1, 1),
    "superuser_totp": (1, 1, 1, 1, 1, 1),
    "partner": (1, 0, 0, 0, 0, 0),
    "partner_view_grant": (1, 0, 0, 1, 0, 0),
    "partner_export_grant": (1, 0, 0, 0, 0, 0),
    "partner_export_grant_totp": (1, 0, 1, 1, 0, 0),
    "partner_city_grant_totp": (1, 0, 1, 1, 0, 0),
    "partner_other_scope_totp": (1, 0, 0, 0, 0, 0),
}
ACTIONS = [
    ("accounts.take_part", False),
    ("accounts.moderate", False),
    ("accounts.export", True),
    ("accounts.view_reports", True),
    ("accounts.grant_leadership", False),
    ("accounts.access_admin", False),
]


@pytest.fixture(autouse=True)
def _no_exemptions(no_mfa_exemptions):
    pass


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(MATRIX))
@pytest.mark.parametrize("action_index", range(len(ACTIONS)), ids=[a for a, _ in ACTIONS])
def test_role_action_matrix(role, action_index):
    user = ROLES[role]()
    action, takes_scope = ACTIONS[action_index]
    expected = bool(MATRIX[role][action_index])
    args = (user, SCOPE) if takes_scope else (user,)
    assert rules.test_rule(action, *args) is expected


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["resident", "moderator_totp", "staff_totp", "partner"])
def test_permissions_agree_with_rules(role):
    """user.has_perm asks the same rules (for people who are not superusers)."""
    user = ROLES[role]()
    for index, (action, takes_scope) in enumerate(ACTIONS):
        args = (SCOPE,) if takes_scope else ()
        assert user.has_perm(action, *args) is bool(MATRIX[role][index]), action


@pytest.mark.django_db
def test_export_accepts_a_parsed_scope_and_rejects_a_malformed_one():
    partner = factories.with_totp(factories.partner_member(grants=[(SCOPE, EXPORT)]))
    assert rules.test_rule("accounts.export", partner, Scope.parse(SCOPE))
    assert not rules.test_rule("accounts.export", partner, "consultation:seven")
    assert not rules.test_rule("accounts.export", partner)


@pytest.mark.django_db
def test_partner_of_inactive_organisation_has_no_access():
    partner = factories.with_totp(factories.partner_member(grants=[(SCOPE, EXPORT)]))
    partner.partner_memberships.get().organisation.__class__.objects.update(is_active=False)
    account_rules.forget_roles(partner)
    assert not account_rules.is_partner_member(partner)
    assert not rules.test_rule("accounts.export", partner, SCOPE)


@pytest.mark.django_db
def test_leader_for_a_given_community_group_only():
    somali = factories.community_group("Somali community")
    polish = factories.community_group("Polish community")
    person = factories.leader(group=somali)
    assert account_rules.is_leader(person)
    assert account_rules.is_leader(person, somali)
    assert account_rules.is_leader(person, somali.pk)
    assert not account_rules.is_leader(person, polish)
    assert rules.test_rule("accounts.lead", person, somali)


@pytest.mark.django_db
def test_revoked_leadership_no_longer_counts():
    person = factories.leader()
    CommunityLeadership.objects.filter(user=person).update(revoked_at="2026-01-01T00:00Z")
    account_rules.forget_roles(person)
    assert not account_rules.is_leader(person)


@pytest.mark.django_db
def test_exempt_email_counts_as_mfa(settings):
    staff = factories.city_staff(email="staff@example.org")
    assert not account_rules.has_mfa(staff)
    settings.ENGAGE_MFA_EXEMPT_EMAILS = ["Staff@Example.org"]
    account_rules.forget_roles(staff)
    assert account_rules.has_mfa(staff)
    assert rules.test_rule("accounts.export", staff, SCOPE)


@pytest.mark.django_db
def test_needs_mfa_setup_only_for_admin_roles():
    assert account_rules.needs_mfa_setup(factories.city_staff())
    assert account_rules.needs_mfa_setup(factories.moderator())
    assert not account_rules.needs_mfa_setup(factories.with_totp(factories.city_staff()))
    assert not account_rules.needs_mfa_setup(factories.UserFactory())
    assert not account_rules.needs_mfa_setup(AnonymousUser())


@pytest.mark.django_db
def test_role_answers_are_cached_on_the_user(django_assert_num_queries):
    staff = factories.with_totp(factories.city_staff())
    account_rules.forget_roles(staff)
    with django_assert_num_queries(2):  # groups, authenticator
        for _ in range(3):
            assert rules.test_rule("accounts.export", staff, SCOPE)
            assert rules.test_rule("accounts.grant_leadership", staff)
            assert rules.test_rule("accounts.access_admin", staff)


@pytest.mark.django_db
def test_role_groups_exist_with_admin_permissions():
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    staff = Group.objects.get(name=account_rules.CITY_STAFF)
    moderators = Group.objects.get(name=account_rules.MODERATORS)
    assert staff.permissions.filter(codename="access_admin").exists()
    assert moderators.permissions.filter(codename="access_admin").exists()
    staff_page_perms = set(
        GroupPagePermission.objects.filter(group=staff).values_list(
            "permission__codename", flat=True
        )
    )
    assert staff_page_perms == {"add_page", "change_page", "publish_page"}
    assert not GroupPagePermission.objects.filter(group=moderators).exists()
