"""schemathesis on /api/v1/openapi.json: no 5xx, and every answer conforms to the document.

The OpenAPI document is loaded from the project's WSGI application, in process, and
every operation is called with inputs schemathesis generates from it (valid and
invalid bodies, query strings and path parameters; half of the cases address the demo
city's real objects instead of random ids), anonymously and as a resident with an API
token. Each answer must not be a server error and must conform: a documented status
code, the documented content type, a body matching the documented schema.

Hypothesis runs deterministically (derandomize) with a bounded number of examples per
operation, so the run is repeatable and fits the suite's time budget.
"""

import contextlib

import hypothesis
import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.postgres

MAX_EXAMPLES = 6
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
PATH_OBJECTS = {
    "consultation_id": "consultation",
    "survey_id": "survey",
    "session_id": "session",
    "forum_id": "forum",
    "thread_id": "thread",
    "fact_check_id": "fact_check",
    "job_id": "job",
}


@contextlib.contextmanager
def requests_keep_the_connection():
    """Keep the test's database connection (and its transaction) across WSGI requests.

    Django's WSGI handler closes "old" connections at the start and end of every
    request; the test client switches that off in the same way.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def schema(security_world, django_db_blocker):
    with django_db_blocker.unblock(), requests_keep_the_connection():
        return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


def fuzz(world, schema, headers):
    """Run every operation; return the failures as readable lines, and how many
    operations were called."""
    failures, called = [], set()
    for result in schema.get_all_operations():
        operation = result.ok()

        @hypothesis.settings(
            max_examples=MAX_EXAMPLES,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(hypothesis.HealthCheck),
            phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        )
        @hypothesis.given(case=operation.as_strategy(), real_ids=st.booleans())
        def run(case, real_ids):
            if real_ids and case.path_parameters:
                for name in case.path_parameters:
                    if name in PATH_OBJECTS:
                        case.path_parameters[name] = world.ids[PATH_OBJECTS[name]]
            # One savepoint per call: a database error in one answer (a 500 we report)
            # must not abort the test's transaction for every call after it.
            with transaction.atomic():
                response = case.call(headers=headers)
                transaction.set_rollback(True)
            called.add(f"{case.operation.method} {case.operation.path}")
            try:
                case.validate_response(response, checks=CHECKS)
            except (AssertionError, BaseExceptionGroup) as error:  # schemathesis failures
                summary = [str(error)]
                if isinstance(error, BaseExceptionGroup):
                    summary = [str(failure).strip() for failure in error.exceptions]
                summary = "\n".join(summary).splitlines()
                failures.append(
                    f"{case.operation.method.upper()} {case.operation.path} "
                    f"{case.path_parameters or ''} {case.query or ''} "
                    f"body={str(case.body)[:120]!r} -> {response.status_code}: "
                    + " | ".join(line for line in summary[:6] if line.strip())
                )

        with requests_keep_the_connection():
            run()
    return failures, called


def operation_count(schema):
    return sum(1 for _result in schema.get_all_operations())


def test_api_anonymous(world, schema):
    failures, called = fuzz(world, schema, headers={})
    assert len(called) == operation_count(schema) > 30
    assert not failures, "\n".join(dict.fromkeys(failures))


def test_api_as_resident(world, schema):
    from wagtail.models import APIToken

    _token, key = APIToken.create_token(user=world.user("resident"), name="schemathesis")
    failures, called = fuzz(world, schema, headers={"Authorization": f"Bearer {key}"})
    assert len(called) == operation_count(schema) > 30
    assert not failures, "\n".join(dict.fromkeys(failures))


BOUNDARY_INTEGERS = (-1, 0, 2**31, 2**63, 10**30)


def test_integer_parameters_at_their_boundaries(world, openapi_document):
    """Every integer path or query parameter of every operation, at values past what
    the database holds: a documented answer, never a 5xx. (Generated examples reach
    these only by chance; this makes the check deterministic.)"""
    from django.test import Client

    client = Client(raise_request_exception=False)
    failures = []
    for template, methods in openapi_document["paths"].items():
        for method, operation in methods.items():
            parameters = [
                p
                for p in operation.get("parameters", [])
                if p.get("schema", {}).get("type") == "integer" and p["in"] in ("path", "query")
            ]
            documented = {int(code) for code in operation.get("responses", {})}
            real = {
                name: world.ids[key] if key in world.ids else 1
                for name, key in {**PATH_OBJECTS, "proposal_id": "", "revision_id": ""}.items()
            }
            for parameter in parameters:
                for value in BOUNDARY_INTEGERS:
                    path, query = template, {}
                    for name, real_value in real.items():
                        wanted = value if name == parameter["name"] else real_value
                        path = path.replace("{" + name + "}", str(wanted))
                    if parameter["in"] == "query":
                        query[parameter["name"]] = value
                    with transaction.atomic():
                        if method == "get":
                            response = client.get(path, query)
                        else:
                            url = path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()))
                            response = getattr(client, method)(
                                url, "{}", content_type="application/json"
                            )
                        transaction.set_rollback(True)
                    status = response.status_code
                    if status >= 500 or status not in documented:
                        failures.append(
                            f"{method.upper()} {template} {parameter['name']}={value}: "
                            f"{status} (documented: {sorted(documented)})"
                        )
    assert not failures, "\n".join(failures)


@pytest.fixture(scope="module")
def openapi_document(security_world):
    from django.test import Client

    return Client().get("/api/v1/openapi.json").json()
