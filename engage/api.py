"""The public API, /api/v1/ (django-ninja). Apps add routers in their own api.py.

Authentication, tried in this order on every operation:

1. `Authorization: Bearer <token>`: Wagtail's own API tokens (`wagtail.models.APIToken`),
   created by staff in the Wagtail admin (Settings → API tokens) or with
   `manage.py api_tokens create --user <email> --name <label>`. A token that is unknown,
   revoked or belongs to an inactive account is refused with 401, never ignored.
2. The browser session (ninja's `django_auth`); writes must carry the CSRF token.
3. Anonymous, on operations that are public reads (`PUBLIC_READ`).

The shared pieces routers import (auth lists, error schemas, `request_language`) live in
`engage.apikit`, so routers never import this module. Permissions are decided by `rules` only. Errors are JSON `{"detail": "..."}` in the
request's language (422 adds `errors`, 413 and service refusals add `code`), for every
address under /api/v1/, including ones that match no endpoint (a path id that is not
a number: 404). `declare_common_errors` lists in the OpenAPI document every error an
operation can answer (401 everywhere, 400/422 where there are parameters, 403/413 for
writes, 404 where there are path ids), so routers declare only their own extra ones.
The OpenAPI document is at /api/v1/openapi.json, docs at /api/v1/docs.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import Resolver404, register_converter, resolve
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Router, Schema, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError

from engage.accounts import rules as account_rules
from engage.apikit import (
    SIGNED_IN,
    AnonymousRead,
    ErrorOut,
    InvalidToken,
    declare_common_errors,
    json_method_not_allowed,
    operations,
    request_language,
)
from engage.ratelimit import RateLimited
from engage.request_limits import TOO_LARGE_ERRORS, too_large_message

LANG_DESCRIPTION = _(
    "The language to answer in; without it (or empty), the Accept-Language header decides."
)


class EngageAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document says which operations are public: their
    `security` ends with `{}` (no authentication needed), as OpenAPI spells it."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        public = {
            operation.operation_id or self.get_openapi_operation_id(operation)
            for operation in operations(self)
            if any(isinstance(auth, AnonymousRead) for auth in operation.auth_callbacks)
        }
        languages = [code for code, _name in settings.LANGUAGES]
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                if operation.get("operationId") in public:
                    operation.setdefault("security", []).append({})
                for parameter in operation.get("parameters", []):
                    # `?lang=` (request_language): one of the site's languages, else
                    # 400; empty means "use Accept-Language".
                    if parameter["in"] == "query" and parameter["name"] == "lang":
                        parameter["schema"] = {"type": "string", "enum": ["", *languages]}
                        parameter["description"] = str(LANG_DESCRIPTION)
        return schema


api = EngageAPI(
    title="Engage API",
    version="1",
    urls_namespace="api-v1",
    description=(
        "Community engagement and consultation platform. Authenticate with a Wagtail API "
        "token (`Authorization: Bearer …`) or the browser session; public reads need "
        "neither. Send `?lang=` or `Accept-Language` for translated content."
    ),
    auth=SIGNED_IN,
    # Swagger UI from our static files (ninja is an installed app); without a validator
    # badge, which would fetch an image from validator.swagger.io on every visit.
    docs=Swagger(settings={"validatorUrl": None}),
)


def error(request, status, detail, **headers):
    response = api.create_response(request, {"detail": str(detail)}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


@api.exception_handler(InvalidToken)
def invalid_token(request, exc):
    return error(
        request,
        401,
        _("This API token is not valid. It may have been revoked; ask staff for a new one."),
        WWW_Authenticate='Bearer error="invalid_token"',
    )


@api.exception_handler(AuthenticationError)
def not_signed_in(request, exc):
    return error(
        request,
        401,
        _("Sign in, or send an API token as “Authorization: Bearer <token>”."),
        WWW_Authenticate="Bearer",
    )


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return error(request, 403, _("You do not have permission to do this."))


@api.exception_handler(Http404)
def not_found(request, exc):
    detail = str(exc) if exc.args and exc.args[0] else _("Nothing was found at this address.")
    return error(request, 404, detail)


@api.exception_handler(HttpError)
def http_error(request, exc):
    if exc.status_code == 403 and "CSRF" in str(exc):
        detail = _("The CSRF token is missing or wrong. Reload the page and try again.")
    elif exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        detail = _("The request body is not valid JSON. Check its syntax and send it again.")
    else:
        detail = str(exc)
    return error(request, exc.status_code, detail)


@api.exception_handler(RateLimited)
def rate_limited(request, exc):
    return error(request, 429, exc.message, Retry_After=str(exc.retry_after))


def too_large(request, exc):
    return api.create_response(
        request, {"detail": str(too_large_message()), "code": "too_long"}, status=413
    )


for _error in TOO_LARGE_ERRORS:
    api.add_exception_handler(_error, too_large)


@api.exception_handler(ValidationError)
def invalid_request(request, exc):
    return api.create_response(
        request,
        {"detail": str(_("Some values in the request are not valid.")), "errors": exc.errors},
        status=422,
    )


# Roles in /me, from the predicates in engage.accounts.rules (the one place that decides).
ROLES = {
    "resident": account_rules.is_verified,
    "community_leader": account_rules.is_leader,
    "moderator": account_rules.is_moderator,
    "city_staff": account_rules.is_city_staff,
    "partner": account_rules.is_partner_member,
}


class MeOut(Schema):
    id: int
    display_name: str
    email: str
    language: str
    roles: list[str]


@api.get(
    "/me",
    response={200: MeOut, 401: ErrorOut},
    summary="The signed-in person",
    tags=["accounts"],
    url_name="me",
)
def me(request):
    """Who is signed in: public name, own email address, language and roles."""
    user = request.user
    return {
        "id": user.pk,
        "display_name": str(user.public_name),
        "email": user.email,
        "language": user.preferred_language or request_language(request),
        "roles": [role for role, predicate in ROLES.items() if predicate(user)],
    }


def _mount_routers():
    from consultations.api import router as consultations_router
    from consultations.briefs.api import router as briefs_router
    from consultations.codesign.api import router as codesign_router
    from consultations.engagement.api import router as engagement_router
    from consultations.exports.api import router as exports_router
    from engage.communities.api import router as representation_router
    from engage.exchange.api import router as exchange_router
    from engage.impact.api import router as impact_router
    from engage.insights.api import router as insights_router
    from engage.moderation.api import moderation_router, reports_router
    from engage.monitoring.api import router as monitoring_router
    from engage.opinions.api import router as opinions_router
    from engage.policy.api import router as agreements_router
    from engage.policy.glossary.api import router as glossary_router
    from forums.api import router as forums_router
    from home.search.api import router as search_router

    api.add_router("/consultations/", consultations_router)
    api.add_router("/consultations/", engagement_router)
    api.add_router("/representation/", representation_router)
    api.add_router("/insights/", insights_router)
    api.add_router("/reports/", reports_router)
    api.add_router("/moderation/", moderation_router)
    api.add_router("/codesign/", codesign_router)
    api.add_router("/consultations/", exports_router)
    api.add_router("/forums/", forums_router)
    api.add_router("/briefs/", briefs_router)
    api.add_router("/opinions/", opinions_router)
    api.add_router("/monitoring/", monitoring_router)
    api.add_router("/impact/", impact_router)
    api.add_router("/glossary/", glossary_router)
    api.add_router("/agreements/", agreements_router)
    api.add_router("/exchange/", exchange_router)
    api.add_router("/search", search_router)


class AnythingConverter:
    """Like Django's `path` converter, but also matches line breaks (a path id like
    "a%0Ab" must reach the JSON 404 too)."""

    regex = r"[\s\S]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(AnythingConverter, "anything")

# Last of all: every other address under /api/v1/ answers a JSON 404.
fallback_router = Router()
NO_SUCH_ENDPOINT = _(
    "There is no API endpoint at this address. Check the path in /api/v1/docs; "
    "ids in it are whole numbers."
)


@fallback_router.api_operation(
    ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"],
    "/{anything:rest}",
    auth=None,
    include_in_schema=False,
    url_name="api_not_found",
)
def no_such_endpoint(request, rest: str):
    """A JSON 404, or the address with a slash added when that one exists (as Django's
    APPEND_SLASH would do for GET)."""
    if request.method in ("GET", "HEAD") and settings.APPEND_SLASH and not rest.endswith("/"):
        try:
            match = resolve(f"{request.path_info}/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "api_not_found":
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    raise Http404(NO_SUCH_ENDPOINT)


_mount_routers()
api.add_router("", fallback_router)
declare_common_errors(api)
json_method_not_allowed(api)
