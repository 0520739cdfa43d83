"""Community data in the Wagtail admin: dimensions, community groups, areas, baselines,
and the history of baseline and offline-participation imports.

Each model gets a `ModelViewSet` in the "Engage" menu (`ENGAGE_MENU_HOOK`). Who may use
them is the rule "communities.manage_data" (city staff), asked through a
`RulePermissionPolicy`; baselines are read-mostly (only their source and year can be
corrected, the figures come from imports) and the import history is read-only.

Translated names: wagtail-modeltranslation rewrites `Dimension.panels` and
`Category.panels` at start-up (`name` becomes `name_en`, `name_ar`…), and these
viewsets use the model panels, so each language has its own field. The uploads live
in `admin_imports.py`.
"""

from django.db.models import Count
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import register_permission_policy

from engage.accounts.permission_policies import RulePermissionPolicy
from engage.accounts.wagtail_hooks import ENGAGE_MENU_HOOK
from engage.admin_viewsets import ListingQuerysetMixin, ReadOnlyViewSetMixin

from .models import Area, BaselineImport, BaselineShare, Category, Dimension, OfflineImport
from .rules import MANAGE_COMMUNITY_DATA

ALL_ACTIONS = frozenset({"add", "change", "delete", "view"})


for _model, _actions in [
    (Dimension, ALL_ACTIONS),
    (Category, ALL_ACTIONS),
    (Area, ALL_ACTIONS),
    (BaselineShare, {"view", "change"}),
    (BaselineImport, {"view"}),
    (OfflineImport, {"view"}),
]:
    register_permission_policy(
        _model, RulePermissionPolicy(_model, MANAGE_COMMUNITY_DATA, actions=_actions)
    )


# --- dimensions and community groups ----------------------------------------------------


class CategoryForm(WagtailAdminModelForm):
    """A community group. "Rolls up into" may only name a broader group of the same
    dimension, and never the group itself or one that already rolls up into it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        broader = self.fields.get("broader")
        if broader is not None:
            choices = Category.objects.select_related("dimension")
            if self.instance.pk:
                choices = choices.exclude(pk=self.instance.pk)
            if self.instance.dimension_id:
                choices = choices.filter(dimension_id=self.instance.dimension_id)
            broader.queryset = choices

    def clean(self):
        cleaned_data = super().clean()
        dimension = cleaned_data.get("dimension")
        broader = cleaned_data.get("broader")
        if broader is not None and dimension is not None:
            if broader.dimension_id != dimension.pk:
                self.add_error(
                    "broader",
                    _(
                        "“%(broader)s” belongs to another dimension. A group can only roll "
                        "up into a broader group of the same dimension (%(dimension)s)."
                    )
                    % {"broader": broader.name, "dimension": dimension.name},
                )
            elif self._rolls_up_into_itself(broader):
                self.add_error(
                    "broader",
                    _(
                        "“%(broader)s” already rolls up into this group, so this group "
                        "cannot roll up into it. Choose a broader group."
                    )
                    % {"broader": broader.name},
                )
        if (
            dimension is not None
            and self.instance.pk
            and self.instance.narrower.exclude(dimension=dimension).exists()
        ):
            self.add_error(
                "dimension",
                _(
                    "Other groups roll up into this one, so it must stay in its dimension. "
                    "Change those groups first."
                ),
            )
        return cleaned_data

    def _rolls_up_into_itself(self, broader):
        if not self.instance.pk:
            return False
        seen = set()
        current = broader
        while current is not None and current.pk not in seen:
            if current.pk == self.instance.pk:
                return True
            seen.add(current.pk)
            current = current.broader
        return False


class CategoryCountColumn(Column):
    def get_value(self, instance):
        return instance.category_count


class DimensionViewSet(ListingQuerysetMixin, ModelViewSet):
    model = Dimension
    icon = "list-ul"
    menu_label = _("Dimensions")
    menu_order = 500
    menu_hook = ENGAGE_MENU_HOOK
    url_prefix = "communities/dimensions"
    search_backend_name = None
    search_fields = ["slug", "name"]
    list_display = [
        "name",
        Column("slug", label=_("Code")),
        CategoryCountColumn("category_count", label=_("Community groups")),
        Column("sort_order", label=_("Order")),
    ]
    inspect_view_enabled = True

    def index_queryset(self):
        return Dimension.objects.annotate(category_count=Count("categories"))


class CategoryViewSet(ListingQuerysetMixin, ModelViewSet):
    model = Category
    icon = "group"
    menu_label = _("Community groups")
    menu_order = 510
    menu_hook = ENGAGE_MENU_HOOK
    url_prefix = "communities/groups"
    search_backend_name = None
    search_fields = ["slug", "name"]
    list_filter = ["dimension"]
    list_display = [
        "name",
        Column("dimension", label=_("Dimension")),
        Column("broader", label=_("Rolls up into")),
        Column("slug", label=_("Code")),
    ]
    inspect_view_enabled = True

    @cached_property
    def edit_handler(self):
        # Category.panels, as rewritten by wagtail-modeltranslation (name_en, name_ar…).
        return ObjectList(Category.panels, base_form_class=CategoryForm)

    def index_queryset(self):
        return Category.objects.select_related("dimension", "broader")


class AreaViewSet(ListingQuerysetMixin, ModelViewSet):
    model = Area
    icon = "site"
    menu_label = _("Areas")
    menu_order = 520
    menu_hook = ENGAGE_MENU_HOOK
    url_prefix = "communities/areas"
    search_backend_name = None
    search_fields = ["code", "name"]
    list_display = ["name", Column("code", label=_("Code")), Column("parent", label=_("Part of"))]
    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("parent")]

    def index_queryset(self):
        return Area.objects.select_related("parent")


class PercentColumn(Column):
    def get_value(self, instance):
        return _("%(percent)s %%") % {"percent": round(float(instance.share) * 100, 2)}


class BaselineShareViewSet(ListingQuerysetMixin, ModelViewSet):
    """Read-mostly: the figures come from imports; staff may correct source and year."""

    model = BaselineShare
    icon = "table"
    menu_label = _("Baseline shares")
    menu_order = 530
    menu_hook = ENGAGE_MENU_HOOK
    url_prefix = "communities/baselines"
    search_backend_name = None
    search_fields = ["area__code", "area__name", "category__slug", "source"]
    list_filter = ["area", "category__dimension"]
    list_display = [
        "__str__",
        Column("area", label=_("Area")),
        Column("category", label=_("Community group")),
        PercentColumn("share", label=_("Share of population")),
        Column("count", label=_("People")),
        Column("source", label=_("Source")),
        Column("year", label=_("Year")),
    ]
    panels = [FieldPanel("source"), FieldPanel("year")]
    inspect_view_enabled = True
    copy_view_enabled = False

    def index_queryset(self):
        return BaselineShare.objects.select_related("area", "category__dimension")


class ImportHistoryIndexView(IndexView):
    """The read-only history, with a button to the upload page."""

    import_url_name = None
    import_label = ""

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(self.import_label, url=reverse(self.import_url_name), icon_name="upload"),
        ]


class BaselineImportIndexView(ImportHistoryIndexView):
    import_url_name = "communities_import_baseline"
    import_label = _("Import a baseline")


class OfflineImportIndexView(ImportHistoryIndexView):
    import_url_name = "communities_import_offline"
    import_label = _("Import offline participants")


class BaselineImportViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    """Read-only: one row per area and dimension read by a baseline import."""

    model = BaselineImport
    icon = "history"
    menu_label = _("Baseline imports")
    menu_order = 540
    menu_hook = ENGAGE_MENU_HOOK
    url_prefix = "communities/baseline-imports"
    index_view_class = BaselineImportIndexView
    search_backend_name = None
    search_fields = ["area__code", "area__name", "dimension__slug", "source", "file_name"]
    list_filter = ["area", "dimension", "normalised"]
    list_display = [
        "__str__",
        Column("kind", label=_("Figures given as"), accessor="get_kind_display"),
        Column("original_total", label=_("Total as published")),
        BooleanColumn("normalised", label=_("Normalised")),
        Column("source", label=_("Source")),
        Column("year", label=_("Year")),
        Column("imported_by", label=_("Imported by")),
        DateColumn("imported_at", label=_("Imported at")),
    ]

    def index_queryset(self):
        return BaselineImport.objects.select_related("area", "dimension", "imported_by")


class OfflineImportViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    """Read-only: one row per file of offline participants."""

    model = OfflineImport
    icon = "history"
    menu_label = _("Offline participation imports")
    menu_order = 550
    menu_hook = ENGAGE_MENU_HOOK
    url_prefix = "communities/offline-imports"
    index_view_class = OfflineImportIndexView
    search_backend_name = None
    search_fields = ["scope_id", "file_name"]
    list_filter = ["scope_type"]
    list_display = [
        "__str__",
        Column("file_name", label=_("File")),
        Column("participants", label=_("Participants")),
        Column("imported_by", label=_("Imported by")),
        DateColumn("imported_at", label=_("Imported at")),
    ]

    def index_queryset(self):
        return OfflineImport.objects.select_related("imported_by")


@hooks.register("register_admin_viewset")
def register_community_data():
    return [
        DimensionViewSet("communities_dimensions"),
        CategoryViewSet("communities_groups"),
        AreaViewSet("communities_areas"),
        BaselineShareViewSet("communities_baselines"),
        BaselineImportViewSet("communities_baseline_imports"),
        OfflineImportViewSet("communities_offline_imports"),
    ]
