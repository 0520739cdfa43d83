"""The export audit trail in the admin (every export, read-only, for city staff) and
the policy areas consultations are filed under."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from engage.accounts.permission_policies import RulePermissionPolicy
from engage.accounts.wagtail_hooks import ENGAGE_MENU_HOOK
from engage.admin_viewsets import ReadOnlyViewSetMixin
from engage.communities.rules import MANAGE_COMMUNITY_DATA

from .models import ExportRecord, PolicyArea

register_permission_policy(
    ExportRecord, RulePermissionPolicy(ExportRecord, "accounts.manage_partners", actions={"view"})
)
# Policy areas are reference data, managed by city staff like areas and community groups.
register_permission_policy(PolicyArea, RulePermissionPolicy(PolicyArea, MANAGE_COMMUNITY_DATA))


class ExportRecordViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    """Read-only: nobody can add, edit or delete an export record from the UI."""

    model = ExportRecord
    icon = "download"
    menu_label = _("Export audit")
    menu_order = 350
    menu_hook = ENGAGE_MENU_HOOK
    url_prefix = "policy/exports"
    search_backend_name = None
    search_fields = ["scope", "kind", "user__display_name", "organisation__name"]
    list_filter = ["export_format", "kind", "organisation"]
    list_display = [
        DateColumn("created_at", label=_("Exported at")),
        Column("user", label=_("Exported by")),
        Column("organisation", label=_("Partner organisation")),
        Column("kind", label=_("What")),
        Column("scope", label=_("Scope")),
        Column("export_format", label=_("Format")),
    ]

    def index_queryset(self):
        return ExportRecord.objects.select_related("user", "organisation")


@hooks.register("register_admin_viewset")
def register_export_audit():
    return ExportRecordViewSet("export_records")


class PolicyAreaViewSet(ModelViewSet):
    """Policy areas (housing, parks, safety…) that consultations are filed under; their
    names and descriptions have a field per language (wagtail-modeltranslation)."""

    model = PolicyArea
    icon = "folder-open-inverse"
    menu_label = _("Policy areas")
    menu_order = 340
    menu_hook = ENGAGE_MENU_HOOK
    url_prefix = "policy/areas"
    search_backend_name = None
    search_fields = ["name", "slug"]
    list_display = ["name", "slug", "risk_weight", "lead_officer"]
    add_to_reference_index = False


@hooks.register("register_admin_viewset")
def register_policy_areas():
    return PolicyAreaViewSet("policy_areas")
