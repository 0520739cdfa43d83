"""The glossary in the Wagtail admin: terms as snippets (Engage → Glossary terms, with
their wording in each language, discouraged terms and sources inline), the read-only
audit trail, import and export (/admin/glossary/transfer/), and writers' help in the
page editor (discouraged terms shown beside the fields, `insert_editor_js`).

Edits made here are recorded as revisions through `services.record_edit` (the
`after_create_snippet` / `after_edit_snippet` hooks), so the partners' review always
sees what changed."""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from engage.accounts.permission_policies import RulePermissionPolicy
from engage.accounts.wagtail_hooks import ENGAGE_MENU_HOOK
from engage.admin_viewsets import ReadOnlyViewSetMixin

from . import admin_views, services
from .models import AuditEntry, Term
from .rules import can_manage

register_permission_policy(Term, RulePermissionPolicy(Term, "glossary.manage"))
register_permission_policy(
    AuditEntry, RulePermissionPolicy(AuditEntry, "glossary.manage", actions={"view"})
)


class TermViewSet(SnippetViewSet):
    """Glossary terms. Status changes happen on the review page (linked from each
    term), where the partners' decisions are."""

    model = Term
    icon = "doc-full"
    menu_label = _("Glossary terms")
    menu_order = 360
    add_to_admin_menu = False
    list_display = ["slug", "__str__", "status", "revision"]
    list_filter = ["status", "source_language"]
    search_fields = ["slug"]
    search_backend_name = None
    copy_view_enabled = False


register_snippet(TermViewSet)


class AuditViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    """The glossary audit trail: read-only."""

    model = AuditEntry
    icon = "history"
    menu_label = _("Glossary audit")
    menu_order = 362
    menu_hook = ENGAGE_MENU_HOOK
    url_prefix = "glossary/audit"
    search_backend_name = None
    search_fields = ["term_key", "action"]
    list_filter = ["action"]
    list_display = [
        DateColumn("at", label=_("At")),
        Column("term_key", label=_("Term")),
        Column("action", label=_("Action")),
        Column("user", label=_("By")),
        Column("organisation", label=_("Partner organisation")),
    ]
    add_to_reference_index = False

    def index_queryset(self):
        return AuditEntry.objects.select_related("user", "organisation")


@hooks.register("register_admin_viewset")
def register_glossary_audit():
    return AuditViewSet("glossary_audit")


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage(request.user)


@hooks.register(ENGAGE_MENU_HOOK)
def register_glossary_menu_items():
    return StaffMenuItem(
        _("Glossary terms"),
        reverse("wagtailsnippets_policy_glossary_term:list"),
        name="glossary-terms",
        icon_name="doc-full",
        order=360,
    )


@hooks.register(ENGAGE_MENU_HOOK)
def register_glossary_transfer_item():
    return StaffMenuItem(
        _("Glossary import and export"),
        reverse(f"{admin_views.ADMIN_NAMESPACE}:transfer"),
        name="glossary-transfer",
        icon_name="download",
        order=361,
    )


@hooks.register("register_admin_urls")
def register_glossary_admin_urls():
    return [
        path(
            "glossary/transfer/",
            include(
                (
                    [
                        path("", admin_views.transfer, name="transfer"),
                        path("export/<slug:fmt>/", admin_views.export, name="export"),
                    ],
                    admin_views.ADMIN_NAMESPACE,
                )
            ),
        )
    ]


@hooks.register("after_create_snippet")
def record_created_term(request, instance):
    if isinstance(instance, Term):
        services.record_edit(instance, by=request.user, created=True)


@hooks.register("after_edit_snippet")
def record_edited_term(request, instance):
    if isinstance(instance, Term):
        services.record_edit(instance, by=request.user)


@hooks.register("before_delete_snippet")
def record_deleted_terms(request, instances):
    for instance in instances:
        if isinstance(instance, Term):
            services.record_deletion(instance, by=request.user)


@hooks.register("register_snippet_listing_buttons")
def review_button(snippet, user, next_url=None):
    from wagtail.admin.widgets import Button

    if isinstance(snippet, Term):
        yield Button(
            _("Review and status"),
            reverse("glossary:review", kwargs={"term_slug": snippet.slug}),
            icon_name="tasks",
            priority=40,
        )


@hooks.register("insert_editor_js")
def writing_help_js():
    return format_html(
        '<script src="{}" data-check-url="{}" data-label-title="{}" defer></script>',
        static("glossary/writing-help.js"),
        reverse("api-v1:glossary_check"),
        _("Words to reconsider, from the glossary agreed with our partners"),
    )


@hooks.register("insert_global_admin_css")
def writing_help_css():
    return format_html('<link rel="stylesheet" href="{}">', static("glossary/glossary.css"))
