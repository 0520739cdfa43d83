"""Staff must have two-factor authentication before they use the admin workspace."""

from dataclasses import dataclass
from functools import cache

import rules
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from engage.accounts.rules import needs_mfa_setup


@dataclass(frozen=True)
class AdminSite:
    prefix: str
    login: str
    logout: str
    rule: str | None  # None: Django's own admin, for accounts with is_staff

    def may_open(self, user):
        if self.rule:
            return rules.test_rule(self.rule, user)
        return user.is_active and user.is_staff


@cache
def admin_sites():
    """The Wagtail admin (/admin/) and the Django admin (/django-admin/), from the URLconf."""
    return (
        AdminSite(
            reverse("wagtailadmin_home"),
            reverse("wagtailadmin_login"),
            reverse("wagtailadmin_logout"),
            "accounts.enter_admin",
        ),
        AdminSite(reverse("admin:index"), reverse("admin:login"), reverse("admin:logout"), None),
    )


class RequireMfaForAdminMiddleware:
    """Guard the Wagtail admin and the Django admin.

    - Their own log-in forms would skip email verification and the two-factor step, so
      they send people to allauth's log-in page (keeping `next`).
    - Signed-in people who may not use an admin get a plain 403 page: the admin would
      send them to log in again, and allauth would send them straight back.
    - Signed-in staff, moderators and superusers without TOTP are sent to the TOTP
      set-up page (allauth's, outside /admin/, so never blocked itself). Logging out
      of the admin always works.

    The two-factor decision comes from `engage.accounts.rules.needs_mfa_setup`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        site = next((site for site in admin_sites() if path.startswith(site.prefix)), None)
        if site is None or path == site.logout:
            return self.get_response(request)

        if path == site.login:
            next_url = request.GET.get(REDIRECT_FIELD_NAME) or site.prefix
            return redirect_to_login(next_url, login_url="account_login")

        user = request.user
        if user.is_authenticated:
            if not site.may_open(user):
                return render(request, "account/admin_forbidden.html", status=403)
            if needs_mfa_setup(user):
                messages.warning(
                    request,
                    _(
                        "Set up two-factor authentication to use the staff workspace. "
                        "It keeps residents' data safe."
                    ),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)
