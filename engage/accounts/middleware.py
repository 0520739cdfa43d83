"""Staff must have two-factor authentication before they use the admin workspace."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _


class RequireMfaForAdminMiddleware:
    """Send signed-in staff without TOTP to the set-up page when they open /admin/.

    Decisions come from `engage.accounts.rules.needs_mfa_setup`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and request.user.is_authenticated:
            from engage.accounts.rules import needs_mfa_setup

            if needs_mfa_setup(request.user):
                messages.warning(
                    request,
                    _(
                        "Set up two-factor authentication to use the staff workspace. It keeps residents' data safe."
                    ),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)
