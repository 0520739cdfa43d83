"""Project-wide middleware."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

# URL prefixes outside i18n_patterns (engage/urls.py): their 404s are answers, not a
# missing language prefix.
UNPREFIXED_PATHS = (
    "/api/",
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/healthz",
    "/readyz",
    "/static/",
    "/media/",
    "/i18n/",
)


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
