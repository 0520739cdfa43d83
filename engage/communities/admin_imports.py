"""Admin uploads for population baselines and offline participation, and the admin
mount of the PDF report.

The same importers as the commands (`importers.py`), so the admin validates exactly as
`import_baseline` and `import_offline_participation` do: a file with any problem is
shown back line by line (line, column, what to do) and nothing is imported. Before the
importer sees a file, the upload is checked here: at most `MAX_UPLOAD_BYTES`, a CSV
text file in UTF-8 (not a spreadsheet workbook).

URLs (inside /admin/, so Wagtail's admin-access check and two-factor set-up apply):
``communities_import_baseline``, ``communities_import_offline`` and
``communities_report_pdf`` (``?scope=``; see `pdf.py`). Only city staff may import
(rule "communities.manage_data").
"""

import io

import rules
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from engage.accounts.wagtail_hooks import ENGAGE_MENU_HOOK

from .csvfiles import CSVFileError, decode_csv_bytes
from .importers import import_baseline, import_offline_participation
from .representation.baselines import ScopeNotFound, scope_area
from .rules import MANAGE_COMMUNITY_DATA
from .scopes import Scope

MAX_UPLOAD_BYTES = 5 * 1024 * 1024

# Magic numbers of files people upload by mistake instead of a CSV export.
SPREADSHEET_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")

SAVE_AS_CSV = _(
    "In your spreadsheet, choose “Save as” and the format “CSV UTF-8 (comma delimited)”, "
    "then upload that file."
)


def read_csv_upload(upload, limit=None):
    """The text of an uploaded CSV file; ValidationError saying what to do when it is
    too big (over `limit`, default MAX_UPLOAD_BYTES), not a .csv file, a spreadsheet
    workbook, binary or not UTF-8."""
    limit = MAX_UPLOAD_BYTES if limit is None else limit
    if upload.size > limit:
        raise ValidationError(
            _(
                "The file is %(size)s; files of up to %(limit)s can be imported. Split it "
                "into smaller files and import them one after another."
            ),
            code="too_big",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    name = upload.name or ""
    data = upload.read()
    if data.startswith(SPREADSHEET_SIGNATURES):
        raise ValidationError(
            _("“%(name)s” is a spreadsheet workbook, not a CSV file. %(how)s"),
            code="spreadsheet",
            params={"name": name, "how": SAVE_AS_CSV},
        )
    if not name.lower().endswith(".csv"):
        raise ValidationError(
            _("“%(name)s” is not a CSV file. %(how)s"),
            code="not_csv",
            params={"name": name, "how": SAVE_AS_CSV},
        )
    try:
        return decode_csv_bytes(data, name)
    except CSVFileError as error:
        raise ValidationError(error.message, code=error.code) from None


class CSVUploadForm(forms.Form):
    """A CSV file; `csv_text` holds its text once the form is valid."""

    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("A .csv file in UTF-8, up to 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    create_missing = forms.BooleanField(
        label=_("Create missing dimensions and groups"),
        required=False,
        help_text=_(
            "Tick to add dimensions and community groups the file names but Engage does "
            "not know yet. Leave it unticked to have unknown names reported as errors."
        ),
    )

    csv_text = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.csv_text = read_csv_upload(upload)
        return upload


class BaselineImportForm(CSVUploadForm):
    source = forms.CharField(
        label=_("Source"),
        max_length=255,
        required=False,
        help_text=_("Where the figures come from, for example “Census 2021, table TS021”."),
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1800,
        max_value=2200,
        help_text=_("The year the figures describe."),
    )
    field_order = ["file", "source", "year", "create_missing"]


class OfflineImportForm(CSVUploadForm):
    scope = forms.CharField(
        label=_("Where they took part"),
        max_length=80,
        help_text=_(
            "consultation:<id>, proposal:<id>, forum:<id> or session:<id>; the id is "
            "shown in the admin."
        ),
    )
    field_order = ["scope", "file", "create_missing"]

    def clean_scope(self):
        scope = Scope.parse(self.cleaned_data["scope"])
        if not scope.is_recorded:
            raise ValidationError(
                _(
                    "Offline participants are added to a consultation, proposal, forum or "
                    "session, not to “%(scope)s”. Name one of those."
                ),
                code="not_recorded",
                params={"scope": str(scope)},
            )
        try:
            scope_area(scope)
        except ScopeNotFound as error:
            raise ValidationError(error.messages) from None
        return scope


class ImportView(WagtailAdminTemplateMixin, FormView):
    """Upload, check, and import; on any problem show the errors and import nothing."""

    template_name = "communities/admin_imports/import.html"
    header_icon = "upload"
    history_url_name = ""
    history_label = ""
    intro = ""
    columns_help = ""

    def dispatch(self, request, *args, **kwargs):
        if not rules.test_rule(MANAGE_COMMUNITY_DATA, request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.history_url_name), "label": self.history_label},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("import_errors", [])
        context.update(
            intro=self.intro,
            columns_help=self.columns_help,
            history_url=reverse(self.history_url_name),
            max_upload=filesizeformat(MAX_UPLOAD_BYTES),
        )
        return context

    def form_valid(self, form):
        result = self.run_import(form)
        if not result.ok:
            return self.render_to_response(
                self.get_context_data(form=form, import_errors=result.errors)
            )
        self.announce(result, form)
        return redirect(self.history_url_name)


class BaselineImportView(ImportView):
    form_class = BaselineImportForm
    page_title = _("Import a population baseline")
    history_url_name = "communities_baseline_imports:index"
    history_label = _("Baseline imports")
    intro = _(
        "Each area and dimension in the file replaces that area's earlier baseline for "
        "the dimension. Published percentages are rounded, so shares that do not sum to "
        "100 are scaled to do so, and the import history records that they were."
    )
    columns_help = _(
        "The header names area_code, area_name, dimension (its code) and category, and "
        "either count (people) or share_pct (percentages). Other columns are ignored."
    )

    def run_import(self, form):
        return import_baseline(
            io.StringIO(form.csv_text),
            create_missing=form.cleaned_data["create_missing"],
            source_text=form.cleaned_data["source"],
            year=form.cleaned_data["year"],
            file_name=form.cleaned_data["file"].name,
            user=self.request.user,
        )

    def announce(self, result, form):
        created = result.created
        messages.success(
            self.request,
            _(
                "The baseline was imported: %(shares)s shares, with %(areas)s new areas, "
                "%(dimensions)s new dimensions and %(categories)s new community groups."
            )
            % {
                "shares": created.get("shares", 0),
                "areas": created.get("areas", 0),
                "dimensions": created.get("dimensions", 0),
                "categories": created.get("categories", 0),
            },
        )
        if result.notes:
            messages.warning(
                self.request,
                ngettext(
                    "Normalised %(count)s baseline: %(details)s",
                    "Normalised %(count)s baselines: %(details)s",
                    len(result.notes),
                )
                % {"count": len(result.notes), "details": " ".join(map(str, result.notes))},
            )
        else:
            messages.info(self.request, _("None of the shares needed normalising."))


class OfflineImportView(ImportView):
    form_class = OfflineImportForm
    page_title = _("Import offline participants")
    history_url_name = "communities_offline_imports:index"
    history_label = _("Offline participation imports")
    intro = _(
        "Add the people you heard at a workshop or on paper to a consultation, proposal, "
        "forum or session. They are anonymous: one row per person, no names."
    )
    columns_help = _(
        "One column per dimension, named by its code, holding the person's group (its code "
        "or name), “prefer not to say”, or nothing if they did not say."
    )

    def get_initial(self):
        return {"scope": self.request.GET.get("scope", "")}

    def run_import(self, form):
        return import_offline_participation(
            io.StringIO(form.csv_text),
            form.cleaned_data["scope"],
            create_missing=form.cleaned_data["create_missing"],
            file_name=form.cleaned_data["file"].name,
            user=self.request.user,
        )

    def announce(self, result, form):
        messages.success(
            self.request,
            _(
                "%(participants)s offline participants were added to %(scope)s, with "
                "%(declarations)s declarations."
            )
            % {
                "participants": result.created.get("participants", 0),
                "scope": str(form.cleaned_data["scope"]),
                "declarations": result.created.get("declarations", 0),
            },
        )


@hooks.register("register_admin_urls")
def register_community_import_urls():
    return [
        path(
            "communities/import/baseline/",
            BaselineImportView.as_view(),
            name="communities_import_baseline",
        ),
        path(
            "communities/import/offline/",
            OfflineImportView.as_view(),
            name="communities_import_offline",
        ),
    ]


class CommunityDataMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.test_rule(MANAGE_COMMUNITY_DATA, request.user)


@hooks.register(ENGAGE_MENU_HOOK)
def register_import_baseline_menu_item():
    return CommunityDataMenuItem(
        _("Import a baseline"),
        reverse("communities_import_baseline"),
        name="communities_import_baseline",
        icon_name="upload",
        order=545,
    )


@hooks.register(ENGAGE_MENU_HOOK)
def register_import_offline_menu_item():
    return CommunityDataMenuItem(
        _("Import offline participants"),
        reverse("communities_import_offline"),
        name="communities_import_offline",
        icon_name="upload",
        order=555,
    )
