"""Requests too large to read: a clear 413 instead of Django's bare 400 (or a 500).

Django refuses to read a request body over `DATA_UPLOAD_MAX_MEMORY_SIZE` (files in a
multipart form do not count) or a form with more than `DATA_UPLOAD_MAX_NUMBER_FIELDS`
fields, by raising `RequestDataTooBig` / `TooManyFieldsSent` wherever the body is first
read: often in CsrfViewMiddleware, before any view. `RequestTooLargeMiddleware` checks
first (in `process_view`, once the person and the language are known) and answers:

- under /api/: JSON 413 `{"detail": "...", "code": "too_long"}` (the API's error schema);
- elsewhere: the 413 page (engage/templates/413.html), saying what to do next.

The API's own exception handlers (engage/api.py) use `too_large_json` for bodies that
are only found too large while a view reads them.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
TOO_LARGE_ERRORS = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
FORM_TYPES = {"multipart/form-data", "application/x-www-form-urlencoded"}


def too_large_message():
    """A translated sentence: what was refused and what to do next."""
    return _(
        "What you sent is too large: the limit is %(size)s of text and form data. "
        "Shorten it (or split it into several parts) and send it again."
    ) % {"size": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}


def too_large_json():
    return JsonResponse({"detail": str(too_large_message()), "code": "too_long"}, status=413)


def too_large_page(request):
    return render(
        request,
        "413.html",
        {
            "message": too_large_message(),
            "home_url": f"/{translation.get_language() or settings.LANGUAGE_CODE}/",
        },
        status=413,
    )


def too_large_response(request):
    if request.path_info.startswith(API_PREFIX):
        return too_large_json()
    return too_large_page(request)


def _declared_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class RequestTooLargeMiddleware:
    """Answers 413 for request bodies Django would refuse to read. Place it before
    CsrfViewMiddleware (its `process_view` must run first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in BODY_METHODS:
            return None
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        multipart = request.content_type == "multipart/form-data"
        if not multipart and limit is not None and _declared_length(request) > limit:
            return too_large_response(request)
        if request.content_type not in FORM_TYPES or getattr(view_func, "csrf_exempt", False):
            # Such views (and their upload handlers) read the body themselves.
            return None
        try:
            request.POST  # noqa: B018 (parse now, as CsrfViewMiddleware is about to)
        except TOO_LARGE_ERRORS:
            return too_large_response(request)
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, TOO_LARGE_ERRORS):
            return too_large_response(request)
        return None
