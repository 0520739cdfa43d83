"""The "Engage" admin menu, and the people-and-partners items in it.

Other apps add their items to the same menu in one of two ways:

- a viewset: give it ``menu_hook = ENGAGE_MENU_HOOK`` and register it with
  ``@hooks.register("register_admin_viewset")``;
- a plain menu item: ``@hooks.register(ENGAGE_MENU_HOOK)`` on a function returning a
  ``wagtail.admin.menu.MenuItem`` (set ``order`` to place it; ours use 100–300).

Who may use these items is decided by `engage.accounts.rules` (through
`RulePermissionPolicy`), not by Django model permissions.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from engage.accounts.models import CommunityLeadership
from engage.accounts.permission_policies import RulePermissionPolicy
from engage.admin_viewsets import ListingQuerysetMixin
from engage.policy.forms import PartnerOrganisationAdminForm
from engage.policy.models import PartnerMembership, PartnerOrganisation

#: The hook name for items in the "Engage" admin menu (see the module docstring).
ENGAGE_MENU_HOOK = "register_engage_menu_item"

register_permission_policy(
    CommunityLeadership, RulePermissionPolicy(CommunityLeadership, "accounts.grant_leadership")
)
register_permission_policy(
    PartnerOrganisation, RulePermissionPolicy(PartnerOrganisation, "accounts.manage_partners")
)
register_permission_policy(
    PartnerMembership, RulePermissionPolicy(PartnerMembership, "accounts.manage_partners")
)


class CommunityLeadershipForm(WagtailAdminModelForm):
    """Grant a mandate, or withdraw it by ticking "Revoked" (the record is kept)."""

    revoked = forms.BooleanField(
        label=_("Revoked"),
        required=False,
        help_text=_(
            "Tick to withdraw this mandate. The person stops being a leader for this "
            "group at once; the record is kept for the audit trail."
        ),
    )

    class Meta:
        model = CommunityLeadership
        fields = ["user", "community_group"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revoked"].initial = self.instance.revoked_at is not None

    def save(self, commit=True):
        leadership = super().save(commit=False)
        if self.cleaned_data.get("revoked"):
            leadership.revoked_at = leadership.revoked_at or timezone.now()
        else:
            leadership.revoked_at = None
        if commit:
            leadership.save()
        return leadership


class GrantLeadershipView(CreateView):
    """Records who granted the mandate."""

    def save_instance(self):
        self.form.instance.granted_by = self.request.user
        return super().save_instance()


class StatusColumn(Column):
    def get_value(self, instance):
        return _("Active") if instance.is_active else _("Revoked")


class CommunityLeadershipViewSet(ListingQuerysetMixin, ModelViewSet):
    model = CommunityLeadership
    icon = "user"
    menu_order = 100
    menu_hook = ENGAGE_MENU_HOOK
    add_view_class = GrantLeadershipView
    search_backend_name = None
    search_fields = ["user__display_name", "user__email", "community_group__name"]
    list_filter = ["community_group", "revoked_at"]
    list_display = [
        Column("user", label=_("Leader")),
        Column("community_group", label=_("Community group")),
        Column("granted_by", label=_("Granted by")),
        DateColumn("granted_at", label=_("Granted at")),
        StatusColumn("status", label=_("Status")),
    ]
    edit_handler = ObjectList(
        [FieldPanel("user"), FieldPanel("community_group"), FieldPanel("revoked")],
        base_form_class=CommunityLeadershipForm,
    )

    def index_queryset(self):
        return CommunityLeadership.objects.select_related(
            "user", "community_group__dimension", "granted_by"
        )


class PartnerOrganisationViewSet(ModelViewSet):
    model = PartnerOrganisation
    icon = "group"
    menu_order = 200
    menu_hook = ENGAGE_MENU_HOOK
    search_backend_name = None
    search_fields = ["name", "slug"]
    list_display = ["name", "slug", "is_active"]
    list_filter = ["is_active"]
    # Grants are shown read-only and edited on their agreement, where its lock applies.
    edit_handler = ObjectList(
        PartnerOrganisation.panels, base_form_class=PartnerOrganisationAdminForm
    )


class PartnerMembershipViewSet(ListingQuerysetMixin, ModelViewSet):
    model = PartnerMembership
    icon = "user"
    menu_order = 300
    menu_hook = ENGAGE_MENU_HOOK
    search_backend_name = None
    search_fields = ["user__display_name", "user__email", "organisation__name"]
    list_filter = ["organisation"]
    list_display = [
        Column("user", label=_("Person")),
        Column("organisation", label=_("Partner organisation")),
        DateColumn("joined_at", label=_("Joined")),
    ]
    form_fields = ["organisation", "user"]

    def index_queryset(self):
        return PartnerMembership.objects.select_related("user", "organisation")


class EngageViewSetGroup(ViewSetGroup):
    """The "Engage" menu: people, partners, and whatever later apps hook in."""

    menu_label = _("Engage")
    menu_name = "engage"
    menu_icon = "site"
    menu_order = 150
    submenu_hook = ENGAGE_MENU_HOOK
    items = ()


@hooks.register("register_admin_viewset")
def register_engage_menu():
    return EngageViewSetGroup()


@hooks.register("register_admin_viewset")
def register_people_and_partners():
    return [
        CommunityLeadershipViewSet("community_leaderships"),
        PartnerOrganisationViewSet("partner_organisations"),
        PartnerMembershipViewSet("partner_memberships"),
    ]
