"""Wagtail admin wiring for community data: the representation dashboard.

Registers /admin/representation/ (the dashboard and its CSV export, in
`admin_views.py`) and a "Representation" item in the Engage menu, shown to city staff
(the dashboard itself asks the rule "accounts.view_reports" per scope).
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from engage.accounts.rules import is_city_staff
from engage.accounts.wagtail_hooks import ENGAGE_MENU_HOOK

from . import admin_views, pdf

admin_urlpatterns = (
    [
        path("", admin_views.admin_dashboard, name="dashboard"),
        path("report.csv", admin_views.admin_export_csv, name="export_csv"),
        path("report.pdf", pdf.admin_report_pdf, name="export_pdf"),
    ],
    admin_views.ADMIN_NAMESPACE,
)


@hooks.register("register_admin_urls")
def register_representation_urls():
    return [path("representation/", include(admin_urlpatterns))]


class RepresentationMenuItem(MenuItem):
    def is_shown(self, request):
        return is_city_staff(request.user)


@hooks.register(ENGAGE_MENU_HOOK)
def register_representation_menu_item():
    return RepresentationMenuItem(
        _("Representation"),
        reverse(f"{admin_views.ADMIN_NAMESPACE}:dashboard"),
        name="representation",
        icon_name="group",
        order=400,
    )


from engage.communities import admin_imports, viewsets  # noqa: F401, E402  (registers their hooks)
