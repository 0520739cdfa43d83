"""Tension assessments in the Wagtail admin ("Engage" menu): the list of indicators
assessors can tick (staff edit it; rule "tension.manage_indicators"), and a menu item
to the assessments themselves (on the site, under /<lang>/tension/, where partners
use them too)."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from engage.accounts.permission_policies import RulePermissionPolicy
from engage.accounts.rules import is_city_staff
from engage.accounts.wagtail_hooks import ENGAGE_MENU_HOOK

from .models import TensionIndicator
from .rules import MANAGE_INDICATORS

register_permission_policy(
    TensionIndicator,
    RulePermissionPolicy(TensionIndicator, MANAGE_INDICATORS, actions={"add", "change", "view"}),
)


class TensionIndicatorViewSet(ModelViewSet):
    """Indicators are retired (unticked "offered"), never deleted: history names them."""

    model = TensionIndicator
    icon = "warning"
    menu_label = _("Tension indicators")
    menu_order = 620
    menu_hook = ENGAGE_MENU_HOOK
    url_namespace = "tension_indicators"
    url_prefix = "tension/indicators"
    search_backend_name = None
    search_fields = ["code", "name"]
    list_display = [
        "name",
        Column("code", label=_("Code")),
        Column("sort_order", label=_("Order")),
        BooleanColumn("is_active", label=_("Offered")),
    ]

    @cached_property
    def edit_handler(self):
        # TensionIndicator.panels as rewritten by wagtail-modeltranslation.
        return ObjectList(TensionIndicator.panels)


@hooks.register("register_admin_viewset")
def register_tension_viewsets():
    return TensionIndicatorViewSet()


class AssessmentsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_city_staff(request.user)


@hooks.register(ENGAGE_MENU_HOOK)
def register_tension_menu_item():
    return AssessmentsMenuItem(
        _("Tension assessments"),
        reverse("monitoring_tension:index"),
        name="tension-assessments",
        icon_name="warning",
        order=310,
    )
