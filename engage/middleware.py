"""Project-wide middleware."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from engage import csp

# URL prefixes outside i18n_patterns (engage/urls.py): their 404s are answers, not a
# missing language prefix.
UNPREFIXED_PATHS = (
    "/api/",
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/exchange/",
    "/healthz",
    "/readyz",
    "/static/",
    "/media/",
    "/i18n/",
)

# Directives that also allow the origins of an absolute MEDIA_URL or STATIC_URL.
ASSET_DIRECTIVES = ("img-src", "media-src", "font-src", "script-src", "style-src")


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, without its "404? add /en/ and redirect" for the API,
    admin and health checks.

    Wagtail serves every path under /<lang>/, so Django would otherwise turn an API 404
    such as /api/v1/consultations/999 into a redirect to /en/api/v1/consultations/999.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED_PATHS):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with one policy for the site and one for the admin.

    Paths under `ENGAGE_CSP_ADMIN_PREFIXES` (the Wagtail admin) get
    `ENGAGE_CSP_ADMIN_DIRECTIVES`, every other response `CONTENT_SECURITY_POLICY`; a
    view's own `@csp`/`@csp_replace`/`@csp_update` decorators still win. Both get the
    site's own WebSocket origin in `connect-src` and the origins of absolute
    MEDIA_URL/STATIC_URL (engage.csp).
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith(
            tuple(settings.ENGAGE_CSP_ADMIN_PREFIXES)
        ):
            parts.config = settings.ENGAGE_CSP_ADMIN_DIRECTIVES
        policy = parts.config or settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        assets = csp.asset_origins()
        update = {"connect-src": csp.websocket_sources(request)}
        update |= {directive: assets for directive in ASSET_DIRECTIVES if policy.get(directive)}
        for directive, sources in (parts.update or {}).items():
            update[directive] = [*update.get(directive, []), *sources]
        parts.update = {directive: sources for directive, sources in update.items() if sources}
        return parts
