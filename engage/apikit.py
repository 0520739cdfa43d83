"""What every API router needs, importable without the API itself (no cycles).

The routers of the apps (`consultations/api.py`, `forums/api.py`, …) import their
authentication lists, error schemas, `request_language` and `json_response` from here;
`engage.api` builds the NinjaAPI instance, mounts the routers and applies
`declare_common_errors` and `json_method_not_allowed` once every router is mounted.

Authentication, tried in this order on every operation:

1. `Authorization: Bearer <token>`: Wagtail's own API tokens (`wagtail.models.APIToken`).
   A token that is unknown, revoked or belongs to an inactive account is refused with
   401, never ignored.
2. The browser session (ninja's `django_auth`); writes must carry the CSRF token.
3. Anonymous, on operations that are public reads (`PUBLIC_READ`).
"""

from functools import partial

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.renderers import JSONRenderer
from ninja.security import django_auth
from wagtail.api.v3.auth import BearerTokenAuth


class InvalidToken(AuthenticationError):
    """A bearer token was sent but does not identify an active account."""


class TokenAuth(BearerTokenAuth):
    """Wagtail's bearer-token auth, refusing (401) bad tokens instead of falling back."""

    def authenticate(self, request, token):
        result = super().authenticate(request, token)
        if result is None:
            raise InvalidToken()
        return result


class AnonymousRead:
    """Last in the auth list of public reads: lets the anonymous visitor through."""

    def __call__(self, request):
        if not request.user.is_authenticated:
            request.user = AnonymousUser()
        return "anonymous"


SIGNED_IN = [TokenAuth(), django_auth]
PUBLIC_READ = [*SIGNED_IN, AnonymousRead()]

# The highest `?page=` a list accepts: far beyond any real list, and small enough that
# the offset it gives stays inside PostgreSQL's bigint (a larger one is a 422, not a 500).
MAX_PAGE = 1_000_000


def page_of(queryset, page, page_size):
    """(the items of page `page`, as a list, and the number of items in all): the
    `count`/`page`/`page_size`/`items` lists of every router."""
    offset = (page - 1) * page_size
    return list(queryset[offset : offset + page_size]), queryset.count()


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    """422: some parameters or body fields are not valid; `errors` says which."""

    detail: str
    errors: list[dict]


class TooLargeOut(Schema):
    """413: the request body is over DATA_UPLOAD_MAX_MEMORY_SIZE."""

    detail: str
    code: str


_renderer = JSONRenderer()


def json_response(request, data, status):
    """A JSON response rendered as the API renders its own (ninja's JSON encoder)."""
    return HttpResponse(
        _renderer.render(request, data, response_status=status),
        status=status,
        content_type=f"{_renderer.media_type}; charset={_renderer.charset}",
    )


def request_language(request, lang=None):
    """The language to answer in: `?lang=` when given, else Accept-Language (LocaleMiddleware).

    An unknown `?lang=` is a 400 naming the languages on offer.
    """
    if lang:
        try:
            return translation.get_supported_language_variant(lang)
        except LookupError:
            raise HttpError(
                400,
                str(
                    _("“%(lang)s” is not a language of this site. Use one of: %(languages)s.")
                    % {
                        "lang": lang[:16],
                        "languages": ", ".join(code for code, _n in settings.LANGUAGES),
                    }
                ),
            ) from None
    return translation.get_language() or settings.LANGUAGE_CODE


def path_views(ninja_api):
    for bound in ninja_api._get_bound_routers():
        yield from bound.path_operations.values()


def operations(ninja_api):
    for path_view in path_views(ninja_api):
        yield from path_view.operations


# Errors every operation of a kind can answer: (status, schema, applies(operation)).
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _sources(operation):
    return {getattr(model, "__ninja_param_source__", None) for model in operation.models}


def _writes(operation):
    return bool(WRITE_METHODS & set(operation.methods))


COMMON_ERRORS = (
    (400, ErrorOut, lambda op: bool(_sources(op) & {"query", "body", "form"})),
    (401, ErrorOut, lambda op: True),
    (403, ErrorOut, _writes),
    (404, ErrorOut, lambda op: "path" in _sources(op)),
    (413, TooLargeOut, _writes),
    (422, ValidationErrorOut, lambda op: bool(_sources(op) - {None})),
)


def declare_common_errors(ninja_api):
    """Add the errors in COMMON_ERRORS to each operation's `response=` (and so to the
    OpenAPI document), keeping what a router declared itself. Called once, after every
    router is mounted."""
    for operation in operations(ninja_api):
        models = operation.response_models
        if len(models) == 1 and 200 not in models:
            # A lone non-200 status is what a plain return answers with; adding
            # others would turn it into 200.
            continue
        for status, schema, applies in COMMON_ERRORS:
            if status not in models and applies(operation):
                models[status] = operation._create_response_model(schema)


def json_method_not_allowed(ninja_api):
    """Make the 405 that ninja answers for a method an address does not accept JSON
    (with its `Allow` header), like every other error."""
    for path_view in path_views(ninja_api):
        path_view._not_allowed = partial(_method_not_allowed, path_view)


def _method_not_allowed(path_view):
    allowed = sorted({method for operation in path_view.operations for method in operation.methods})
    detail = _("This address does not accept this method. Use: %(methods)s.") % {
        "methods": ", ".join(allowed)
    }
    response = JsonResponse({"detail": str(detail)}, status=405)
    response["Allow"] = ", ".join(allowed)
    return response
