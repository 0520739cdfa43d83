"""The exchange in the Wagtail admin: /admin/exchange/ (export and publish, the import
review queue; `admin_views.py`), the trusted cities and their feed subscriptions, and
the exchange audit trail (read-only). City staff with two-factor authentication only
(`rules.MANAGE_EXCHANGE`, asked through `RulePermissionPolicy`)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from engage.accounts.permission_policies import RulePermissionPolicy
from engage.accounts.wagtail_hooks import ENGAGE_MENU_HOOK
from engage.admin_viewsets import ReadOnlyViewSetMixin

from . import admin_views
from .forms import TrustedCityForm
from .models import ExchangeEvent, TrustedCity
from .rules import MANAGE_EXCHANGE

register_permission_policy(TrustedCity, RulePermissionPolicy(TrustedCity, MANAGE_EXCHANGE))
register_permission_policy(
    ExchangeEvent, RulePermissionPolicy(ExchangeEvent, MANAGE_EXCHANGE, actions={"view"})
)

admin_urlpatterns = (
    [
        path("", admin_views.export, name="export"),
        path("published/<int:pk>/withdraw/", admin_views.withdraw, name="withdraw"),
        path("imports/", admin_views.imports, name="imports"),
        path("imports/<int:pk>/", admin_views.item, name="item"),
    ],
    admin_views.ADMIN_NAMESPACE,
)


@hooks.register("register_admin_urls")
def register_exchange_urls():
    return [path("exchange/", include(admin_urlpatterns))]


class ExchangeMenuItem(MenuItem):
    def is_shown(self, request):
        from .rules import can_manage_exchange

        return can_manage_exchange(request.user)


@hooks.register(ENGAGE_MENU_HOOK)
def register_exchange_menu_items():
    return ExchangeMenuItem(
        _("Exchange: export"),
        reverse(f"{admin_views.ADMIN_NAMESPACE}:export"),
        name="exchange-export",
        icon_name="download",
        order=700,
    )


@hooks.register(ENGAGE_MENU_HOOK)
def register_exchange_review_menu_item():
    return ExchangeMenuItem(
        _("Exchange: imports to review"),
        reverse(f"{admin_views.ADMIN_NAMESPACE}:imports"),
        name="exchange-imports",
        icon_name="upload",
        order=701,
    )


class TrustedCityViewSet(ModelViewSet):
    """Other cities whose packages may be imported: their id, key fingerprint, and the
    feed this city subscribes to (docs/exchange.md#subscriptions)."""

    model = TrustedCity
    icon = "site"
    menu_label = _("Exchange: trusted cities")
    menu_order = 702
    menu_hook = ENGAGE_MENU_HOOK
    url_prefix = "exchange/cities"
    search_backend_name = None
    search_fields = ["name", "slug", "city_id"]
    edit_handler = ObjectList(
        [FieldPanel(name) for name in TrustedCityForm.Meta.fields], base_form_class=TrustedCityForm
    )
    list_display = [
        Column("name", label=_("Name")),
        Column("city_id", label=_("City id")),
        BooleanColumn("subscribed", label=_("Subscribed")),
        DateColumn("last_synced_at", label=_("Last synchronised")),
    ]
    add_to_reference_index = False


class ExchangeEventViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    """Read-only: every export, publication, import, synchronisation and decision."""

    model = ExchangeEvent
    icon = "history"
    menu_label = _("Exchange: audit")
    menu_order = 703
    menu_hook = ENGAGE_MENU_HOOK
    url_prefix = "exchange/audit"
    search_backend_name = None
    search_fields = ["package_id"]
    list_filter = ["action", "city"]
    list_display = [
        DateColumn("created_at", label=_("At")),
        Column("action", label=_("Action"), accessor="get_action_display"),
        Column("user", label=_("By")),
        Column("city", label=_("City")),
        Column("package_id", label=_("Package")),
    ]
    add_to_reference_index = False

    def index_queryset(self):
        return ExchangeEvent.objects.select_related("user", "city")


@hooks.register("register_admin_viewset")
def register_exchange_viewsets():
    return [TrustedCityViewSet("exchange_cities"), ExchangeEventViewSet("exchange_audit")]
