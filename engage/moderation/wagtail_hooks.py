"""Wagtail admin wiring for moderation.

Registers /admin/moderation/ (the queue, items, accounts, appeals, the dashboard; views
in `admin_views.py`), the read-only audit trail (a ModelViewSet nobody can add to, edit
or delete from), and their items in the Engage menu, shown to moderators only
(`moderation.view_queue`).
"""

import rules
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from engage.accounts.permission_policies import RulePermissionPolicy
from engage.accounts.rules import MODERATORS
from engage.accounts.wagtail_hooks import ENGAGE_MENU_HOOK
from engage.admin_viewsets import ReadOnlyViewSetMixin

from . import admin_views
from .models import ModerationAction

admin_urlpatterns = (
    [
        path("", admin_views.queue_view, name="queue"),
        path("bulk/", admin_views.bulk_view, name="bulk"),
        path("items/<int:pk>/", admin_views.item_view, name="item"),
        path("accounts/<int:user_id>/", admin_views.account_view, name="account"),
        path("appeals/", admin_views.appeals_view, name="appeals"),
        path("appeals/<int:pk>/", admin_views.appeal_view, name="appeal"),
        path("dashboard/", admin_views.dashboard_view, name="dashboard"),
    ],
    admin_views.ADMIN_NAMESPACE,
)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [path("moderation/", include(admin_urlpatterns))]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.test_rule("moderation.view_queue", request.user)


@hooks.register(ENGAGE_MENU_HOOK)
def register_queue_menu_item():
    return ModeratorMenuItem(
        _("Moderation queue"),
        reverse(f"{admin_views.ADMIN_NAMESPACE}:queue"),
        name="moderation-queue",
        icon_name="warning",
        order=500,
    )


@hooks.register(ENGAGE_MENU_HOOK)
def register_appeals_menu_item():
    return ModeratorMenuItem(
        _("Moderation appeals"),
        reverse(f"{admin_views.ADMIN_NAMESPACE}:appeals"),
        name="moderation-appeals",
        icon_name="help",
        order=510,
    )


@hooks.register(ENGAGE_MENU_HOOK)
def register_dashboard_menu_item():
    return ModeratorMenuItem(
        _("Moderation dashboard"),
        reverse(f"{admin_views.ADMIN_NAMESPACE}:dashboard"),
        name="moderation-dashboard",
        icon_name="time",
        order=520,
    )


register_permission_policy(
    ModerationAction,
    RulePermissionPolicy(
        ModerationAction, "moderation.view_audit", users_group=MODERATORS, actions={"view"}
    ),
)


class ModerationActionViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    """The moderation audit trail: read-only, nobody can add, edit or delete entries."""

    model = ModerationAction
    icon = "list-ul"
    menu_label = _("Moderation audit trail")
    menu_order = 530
    menu_hook = ENGAGE_MENU_HOOK
    url_prefix = "moderation/audit"
    search_backend_name = None
    search_fields = ["reason", "public_reason", "scope", "place_title", "kind"]
    list_filter = ["action", "kind", "new_status"]
    list_display = [
        DateColumn("created_at", label=_("At")),
        Column("action", label=_("Action"), accessor="get_action_display"),
        Column("moderator_name", label=_("Moderator"), accessor="moderator_name"),
        Column("account", label=_("Account affected")),
        Column("kind", label=_("Kind")),
        Column("place_title", label=_("Place")),
        Column("old_status", label=_("Before")),
        Column("new_status", label=_("After")),
    ]
    inspect_view_fields = [
        "created_at",
        "action",
        "moderator",
        "moderator_label",
        "account",
        "kind",
        "object_id",
        "scope",
        "place_title",
        "reason",
        "public_reason",
        "old_status",
        "new_status",
        "before_text",
        "after_text",
        "suspended_until",
    ]

    def index_queryset(self):
        return ModerationAction.objects.select_related("moderator", "account")


@hooks.register("register_admin_viewset")
def register_moderation_audit():
    return ModerationActionViewSet("moderation_audit")
