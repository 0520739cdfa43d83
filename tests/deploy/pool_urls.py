"""URLs and a middleware for tests/deploy/test_database_pool.py: requests that hold a
connection of a pooled database alias ("pooled", on the test database) for a while, in
a view or in a middleware, as a page or an API call.

The alias is not in settings.DATABASES (the test case would refuse threads' connections
to it): each thread makes its own DatabaseWrapper from `SETTINGS`, as
`django.db.connections` does for a configured alias, and gives its connection back when
the response is finished, as Django's `close_old_connections` does. The pool itself is
Django's, shared by every wrapper of the alias.
"""

import threading

from django.core.signals import request_finished
from django.db.backends.postgresql.base import DatabaseWrapper
from django.http import JsonResponse
from django.urls import path

ALIAS = "pooled"

#: The alias's settings (the test fills them: the test database, with OPTIONS["pool"]).
SETTINGS = {}

#: Set once a request holds its pooled connection (the next one must then wait).
holding = threading.Event()

_local = threading.local()


def pooled_connection():
    """This thread's wrapper of the pooled alias."""
    wrapper = getattr(_local, "wrapper", None)
    if wrapper is None:
        wrapper = _local.wrapper = DatabaseWrapper(SETTINGS, alias=ALIAS)
    return wrapper


def give_back(**kwargs):
    """request_finished: close (with a pool: give back) this thread's connection."""
    wrapper = getattr(_local, "wrapper", None)
    if wrapper is not None:
        wrapper.close()


request_finished.connect(give_back, dispatch_uid="tests.deploy.pool_urls.give_back")


def hold_connection(seconds):
    """Take a connection from the pool, say so, keep it busy `seconds`; its backend pid."""
    connection = pooled_connection()
    connection.ensure_connection()
    holding.set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid(), pg_sleep(%s::float)", [seconds])
        return cursor.fetchone()[0]


def hold(request):
    # The text as given: a bad number is a database error (tests of what stays a 500).
    return JsonResponse({"pid": hold_connection(request.GET.get("seconds", "0.2"))})


class HoldInMiddleware:
    """Uses the pooled database before the view when asked (`?in_middleware=1`), as
    session or authentication middleware may: a PoolTimeout raised here never reaches a
    view's exception handling."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.GET.get("in_middleware"):
            hold_connection("0")
        return self.get_response(request)


urlpatterns = [path("hold/", hold), path("api/v1/hold/", hold)]
