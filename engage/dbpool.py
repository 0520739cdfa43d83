"""A busy database answers 503 "try again", not 500.

In production each worker process takes its PostgreSQL connections from a psycopg pool
of at most `DB_POOL_MAX_SIZE` (Django's `OPTIONS["pool"]`, set in
`engage/settings/production.py`). Under ASGI every request runs its synchronous code in
a thread of its own, and without a pool every such thread opened a connection of its
own, until PostgreSQL refused more ("too many clients") and requests failed with 500.
With the pool, a request that finds every connection in use waits for one to be given
back, up to `DB_POOL_TIMEOUT` seconds; only then does psycopg_pool raise `PoolTimeout`
(which Django wraps in its own `OperationalError`).

`DatabaseBusyMiddleware` turns that into a 503 page (or `{"detail"}` under `/api/`) with
`Retry-After`, in the request's language, rendered without the database: nothing was
done, and trying again a few seconds later works. It catches the error where the view
raised it (`process_exception`), and, for a middleware that needed the database (a
session saved after the view, say), it swaps Django's 500 for the 503: the
`got_request_exception` signal marks the request first. production.py puts it just
before SessionMiddleware, the first middleware that may use the database, so the
middleware outside it (security headers, CSP) still dress the 503.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

logger = logging.getLogger("engage.dbpool")

#: Seconds a client is asked to wait before trying again.
RETRY_AFTER = 5

_BUSY_MARK = "_engage_database_busy"


def is_pool_timeout(exception):
    """True when `exception` is psycopg_pool's PoolTimeout, or Django's database error
    wrapping one (its `__cause__`)."""
    try:
        from psycopg_pool import PoolTimeout
    except ImportError:  # no pool installed: nothing can time out waiting for one
        return False
    while exception is not None:
        if isinstance(exception, PoolTimeout):
            return True
        exception = exception.__cause__
    return False


def busy_response(request):
    """The 503 answer: JSON under /api/, otherwise a small page that needs no database."""
    detail = _(
        "Engage is very busy right now and could not do what you asked. Nothing was "
        "changed. Please wait a few seconds and try again."
    )
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": detail}, status=503)
    else:
        title = _("Engage is busy")
        response = HttpResponse(
            format_html(
                '<!DOCTYPE html><html lang="{}" dir="{}"><head><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                '<title>{}</title></head><body><main id="main-content"><h1>{}</h1>'
                "<p>{}</p></main></body></html>",
                translation.get_language() or "en",
                "rtl" if translation.get_language_bidi() else "ltr",
                title,
                title,
                detail,
            ),
            status=503,
        )
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def _mark_busy_database(sender, request=None, **kwargs):
    """got_request_exception receiver: remember that the request failed waiting for a
    pooled connection (sent while the exception is being handled)."""
    if request is not None and is_pool_timeout(sys.exc_info()[1]):
        setattr(request, _BUSY_MARK, True)


got_request_exception.connect(_mark_busy_database, dispatch_uid="engage.dbpool.busy")


class DatabaseBusyMiddleware:
    """503 "busy, try again" instead of 500 when no pooled database connection came free
    within DB_POOL_TIMEOUT (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, _BUSY_MARK, False):
            self._log(request)
            return busy_response(request)
        return response

    def process_exception(self, request, exception):
        if is_pool_timeout(exception):
            self._log(request)
            return busy_response(request)
        return None

    @staticmethod
    def _log(request):
        logger.warning(
            "No database connection came free in time (pool exhausted): %s %s answered 503",
            request.method,
            request.path,
        )
