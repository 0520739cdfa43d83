"""Wagtail permission policies that ask `engage.accounts.rules` instead of Django's
model permissions, so the admin and the rest of the site agree on who may do what."""

import rules
from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from engage.accounts.rules import CITY_STAFF


class RulePermissionPolicy(BasePermissionPolicy):
    """The `actions` on `model` (default: all) are allowed exactly when the named rule
    passes; any other action never is (read-only history: `actions={"view"}`).

    `users_group` names the Django group whose members (with superusers) are listed
    as the users who hold the permission; it should match the rule.
    """

    def __init__(self, model, rule_name, users_group=CITY_STAFF, actions=None):
        super().__init__(model)
        self.rule_name = rule_name
        self.users_group = users_group
        self.actions = frozenset(actions) if actions is not None else None

    def user_has_permission(self, user, action):
        if self.actions is not None and action is not None and action not in self.actions:
            return False
        return rules.test_rule(self.rule_name, user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(groups__name=self.users_group))
            .distinct()
        )

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])
