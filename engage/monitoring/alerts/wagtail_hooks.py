"""Early warning in the admin: the rules (city staff edit kinds, parameters, minimum
counts, cooldown and the explanation in each language) and a menu item to the alerts,
which live on the site (/<lang>/monitoring/alerts/) because partners read them too."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from engage.accounts.permission_policies import RulePermissionPolicy
from engage.accounts.rules import is_city_staff
from engage.accounts.wagtail_hooks import ENGAGE_MENU_HOOK

from .access import MANAGE_ALERTS
from .dashboard import wagtail_hooks as _dashboard_menu  # noqa: F401 - its menu item
from .models import AlertRule

register_permission_policy(AlertRule, RulePermissionPolicy(AlertRule, MANAGE_ALERTS))


class AlertRuleViewSet(ModelViewSet):
    """Early-warning rules; each field of the name and the explanation has a version per
    language (wagtail-modeltranslation). Formulas: docs/monitoring.md#early-warning."""

    model = AlertRule
    icon = "warning"
    menu_label = _("Early-warning rules")
    menu_order = 360
    menu_hook = ENGAGE_MENU_HOOK
    url_prefix = "monitoring/rules"
    search_backend_name = None
    search_fields = ["name", "series"]
    list_filter = ["kind", "enabled"]
    list_display = [
        Column("name", label=_("Name")),
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("series", label=_("Series")),
        Column("cooldown_days", label=_("Cooldown in days")),
        BooleanColumn("enabled", label=_("Enabled")),
    ]
    add_to_reference_index = False


@hooks.register("register_admin_viewset")
def register_alert_rules():
    return AlertRuleViewSet("monitoring_alert_rules")


class AlertsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_city_staff(request.user)


@hooks.register(ENGAGE_MENU_HOOK)
def register_alerts_menu_item():
    return AlertsMenuItem(
        _("Early-warning alerts"),
        reverse("monitoring_alerts:alerts"),
        name="early-warning-alerts",
        icon_name="warning",
        order=365,
    )
