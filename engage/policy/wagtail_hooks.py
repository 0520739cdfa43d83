"""The export audit trail in the admin (every export, read-only, for city staff), the
policy areas consultations are filed under, and information-sharing agreements
(a snippet with revisions; its site page does the signing, sending, terminating and
the audit report, so each listing row links there)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from engage.accounts.permission_policies import RulePermissionPolicy
from engage.accounts.wagtail_hooks import ENGAGE_MENU_HOOK
from engage.admin_viewsets import ReadOnlyViewSetMixin
from engage.communities.rules import MANAGE_COMMUNITY_DATA

from . import rules as policy_rules
from .forms import AgreementAdminForm
from .models import ExportRecord, InformationSharingAgreement, PolicyArea

register_permission_policy(
    ExportRecord, RulePermissionPolicy(ExportRecord, "accounts.manage_partners", actions={"view"})
)
# Policy areas are reference data, managed by city staff like areas and community groups.
register_permission_policy(PolicyArea, RulePermissionPolicy(PolicyArea, MANAGE_COMMUNITY_DATA))
# Agreements are never deleted: they are the record of what was shared and why.
register_permission_policy(
    InformationSharingAgreement,
    RulePermissionPolicy(
        InformationSharingAgreement, "policy.manage_agreements", actions={"add", "change", "view"}
    ),
)


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


class AgreementViewSet(SnippetViewSet):
    """Information-sharing agreements: staff draft the terms, parties, grants and
    signatories here; the terms lock once sent for signature (`AgreementAdminForm`)."""

    model = InformationSharingAgreement
    icon = "doc-full"
    menu_label = _("Information-sharing agreements")
    menu_order = 345
    menu_hook = ENGAGE_MENU_HOOK
    add_to_admin_menu = False
    url_prefix = "policy/agreements"
    search_backend_name = None
    search_fields = ["title", "reference"]
    list_filter = ["status", "is_transitional", "special_category"]
    list_display = [
        Column("title", label=_("Title")),
        Column("status", label=_("Status"), accessor="get_status_on_display"),
        DateColumn("review_date", label=_("Review date")),
        DateColumn("expiry_date", label=_("Expiry date")),
    ]
    edit_handler = ObjectList(
        InformationSharingAgreement.panels, base_form_class=AgreementAdminForm
    )


register_snippet(AgreementViewSet)


@hooks.register("register_snippet_listing_buttons")
def agreement_site_button(snippet, user, next_url=None):
    if isinstance(snippet, InformationSharingAgreement) and policy_rules.can_manage(user):
        yield Button(
            _("Signatures, audit and termination"),
            reverse("agreements:detail", args=[snippet.pk]),
            icon_name="link-external",
            priority=50,
        )


class InformationRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_rules.can_manage(request.user)


@hooks.register(ENGAGE_MENU_HOOK)
def register_information_requests_menu_item():
    return InformationRequestsMenuItem(
        _("Information requests"),
        reverse("agreements:requests"),
        name="information-requests",
        icon_name="help",
        order=346,
    )
