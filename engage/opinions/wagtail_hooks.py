"""Wagtail admin wiring of opinion maps: the viewset (viewsets.py) in the Engage menu,
and the permission policy that asks the rule "opinions.manage_map" (city staff)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from engage.accounts.permission_policies import RulePermissionPolicy

from .models import OpinionMap
from .rules import MANAGE_MAP
from .viewsets import OpinionMapViewSet

register_permission_policy(OpinionMap, RulePermissionPolicy(OpinionMap, MANAGE_MAP))


@hooks.register("register_admin_viewset")
def register_opinion_maps():
    return OpinionMapViewSet("opinion_maps")
