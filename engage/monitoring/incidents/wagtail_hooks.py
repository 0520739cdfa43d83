"""Wagtail admin wiring for staff triage of hate incident reports: /admin/incidents/
and an "Incident reports" item in the Engage menu, shown to city staff."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from engage.accounts.rules import is_city_staff
from engage.accounts.wagtail_hooks import ENGAGE_MENU_HOOK

from . import admin_views

admin_urlpatterns = (
    [
        path("", admin_views.index, name="index"),
        path("<int:pk>/", admin_views.detail, name="detail"),
        path("<int:pk>/delete/", admin_views.delete, name="delete"),
    ],
    admin_views.ADMIN_NAMESPACE,
)


@hooks.register("register_admin_urls")
def register_incident_urls():
    return [path("incidents/", include(admin_urlpatterns))]


class IncidentMenuItem(MenuItem):
    def is_shown(self, request):
        return is_city_staff(request.user)


@hooks.register(ENGAGE_MENU_HOOK)
def register_incident_menu_item():
    return IncidentMenuItem(
        _("Incident reports"),
        reverse(f"{admin_views.ADMIN_NAMESPACE}:index"),
        name="incident-reports",
        icon_name="warning",
        order=450,
    )
