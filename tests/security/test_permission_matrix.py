"""The permission matrix: every route, page type and API operation × seven identities.

The routes come from the URL resolver (inside and outside i18n_patterns), the page
types from Wagtail (`get_page_models()`), the API operations from the OpenAPI document.
What each identity may open is declared once, in tests/security/matrix.py (routes and
page types) and API_OPERATIONS below; anything not declared fails, so a new route, page
type or operation must be classified by whoever adds it.

Every answer is checked: never a 5xx; those who may get an answer; everyone else is
refused (302 to log in or to set up TOTP, 401, 403 or 404), never a 200 with data.

To stay fast, each third-party admin view (Wagtail's, Django's, and the project's
viewsets) is opened by staff, by the moderator where Wagtail must refuse them, and by
one of anonymous, staff without TOTP, resident, leader and partner in turn: the
middleware refuses those five before any admin view runs, the same way for every admin
path. The project's own routes, page types and API operations are opened by all seven.
"""

import json
from urllib.parse import urlsplit

import pytest
from django.contrib import messages
from django.db import transaction
from wagtail.models import get_page_models

from tests.security.conftest import IDENTITIES, client_for
from tests.security.matrix import (
    ANON,
    COAUTHORS,
    EVERYONE,
    FACT_CHECKERS,
    LEAD,
    MOD,
    NO_TOTP,
    NOBODY,
    PARTNER,
    REPORT_READERS,
    RES,
    ROUTES,
    SIGNED_IN,
    STAFF,
    STAFF_ONLY,
    WORKSPACE,
    Expect,
    expectation,
    get,
    post,
)
from tests.security.parts import all_parts
from tests.security.routes import build_path, walk_routes

pytestmark = pytest.mark.postgres

# Paths of a refusal by redirect: log in, set up TOTP, or Wagtail's "permission denied".
REFUSAL_REDIRECTS = ("/accounts/login/", "/admin/login/", "/django-admin/login/", "/2fa/totp/")
REFUSAL_EXACT = ("/admin/",)
# The identities the admin middleware refuses before any view runs, one per admin route.
ROTATING = (ANON, NO_TOTP, RES, LEAD, PARTNER)

# Page types by label. Served pages must exist in the demo city (seed_demo).
PAGE_TYPES = {
    "wagtailcore.Page": None,  # the tree's root; never served
    "home.HomePage": get(EVERYONE),
    "home.StandardPage": get(EVERYONE),
    "consultations.ConsultationIndexPage": get(EVERYONE),
    "consultations.ConsultationPage": get(EVERYONE),
    "forums.ForumIndexPage": get(EVERYONE),
    "forums.ForumPage": get(EVERYONE),
}
for _part in all_parts():
    PAGE_TYPES.update(getattr(_part, "PAGE_TYPES", {}))


def api_ops(world):
    """Expected access to each API operation, with the body to send (the features'
    own operations come from tests/security/parts/)."""
    operations = core_api_ops(world)
    for part in all_parts():
        if hasattr(part, "api_ops"):
            operations.update(part.api_ops(world))
    return operations


def core_api_ops(world):
    """The operations of the consultations, forums, co-design and moderation APIs."""
    ids = world.ids
    return {
        "GET /api/v1/me": get(SIGNED_IN),
        "GET /api/v1/consultations/": get(EVERYONE),
        "GET /api/v1/consultations/{consultation_id}": get(EVERYONE),
        "GET /api/v1/consultations/{consultation_id}/proposals": get(EVERYONE),
        "GET /api/v1/consultations/{consultation_id}/proposals/{proposal_id}": get(
            NOBODY, loose=EVERYONE
        ),  # the demo has no proposals: 404 for all
        "GET /api/v1/consultations/{consultation_id}/comments": get(EVERYONE),
        "POST /api/v1/consultations/{consultation_id}/comments": post(
            SIGNED_IN, data={"text": "A comment from the permission matrix."}
        ),
        "POST /api/v1/consultations/{consultation_id}/reactions": post(
            SIGNED_IN, data={"target": "comment", "id": ids["reply"], "value": "support"}
        ),
        "GET /api/v1/consultations/{consultation_id}/surveys": get(EVERYONE),
        "GET /api/v1/consultations/{consultation_id}/surveys/{survey_id}": get(EVERYONE),
        "PUT /api/v1/consultations/{consultation_id}/surveys/{survey_id}/response": Expect(
            SIGNED_IN, method="PUT", data={"answers": []}, also_ok=(400, 422)
        ),
        "GET /api/v1/representation/": get(REPORT_READERS, query={"scope": "city"}),
        "GET /api/v1/insights/signals/": get(REPORT_READERS, query={"scope": "city"}),
        "POST /api/v1/reports/": post(
            SIGNED_IN - {LEAD},
            data={"kind": "comment", "id": ids["reply"], "reason": "spam"},
            refused_with=(400,),  # the leader wrote the reply: "own content"
        ),
        "GET /api/v1/moderation/queue/": get(WORKSPACE),
        "POST /api/v1/moderation/actions/": post(
            WORKSPACE, data={"action": "approve", "queue_item_ids": [ids["queue_item"]]}
        ),
        "GET /api/v1/codesign/sessions/": get(EVERYONE),
        "GET /api/v1/codesign/sessions/{session_id}": get(EVERYONE),
        "POST /api/v1/codesign/sessions/{session_id}/rsvp": post(SIGNED_IN, data={}),
        "DELETE /api/v1/codesign/sessions/{session_id}/rsvp": Expect(
            SIGNED_IN, method="DELETE", also_ok=(409,)
        ),
        "POST /api/v1/consultations/{consultation_id}/exports/": post(
            STAFF_ONLY, data={"format": "csv"}
        ),
        "GET /api/v1/consultations/{consultation_id}/exports/{job_id}": get(STAFF_ONLY),
        "GET /api/v1/consultations/{consultation_id}/exports/{job_id}/file": get(
            STAFF_ONLY, also_ok=(409,)
        ),
        "GET /api/v1/forums/": get(EVERYONE),
        "GET /api/v1/forums/{forum_id}": get(EVERYONE),
        "GET /api/v1/forums/{forum_id}/threads": get(EVERYONE),
        "POST /api/v1/forums/{forum_id}/threads": post(
            SIGNED_IN,
            data={
                "title": "Is the bridge closing?",
                "text": "I heard it at the market.",
                "accept_guidelines": True,
            },
        ),
        "GET /api/v1/forums/threads/{thread_id}": get(EVERYONE),
        "GET /api/v1/forums/threads/{thread_id}/posts": get(EVERYONE),
        "POST /api/v1/forums/threads/{thread_id}/posts": post(
            SIGNED_IN, data={"text": "Thanks for checking.", "accept_guidelines": True}
        ),
        "GET /api/v1/forums/threads/{thread_id}/fact-checks": get(EVERYONE),
        "POST /api/v1/forums/threads/{thread_id}/fact-checks": post(
            FACT_CHECKERS,
            data={
                "verdict": "false",
                "explanation": "The council minutes say otherwise.",
                "sources": [],
            },
            also_ok=(400, 409),
        ),
        "GET /api/v1/forums/claims": get(EVERYONE),
        # The leader's revision awaits a second reviewer: another fact-checker.
        "POST /api/v1/forums/fact-checks/{fact_check_id}/publish": post(FACT_CHECKERS - {LEAD}),
        "GET /api/v1/briefs/sessions/{session_id}": get(COAUTHORS),
        "GET /api/v1/briefs/sessions/{session_id}/revisions": get(COAUTHORS),
        "GET /api/v1/briefs/sessions/{session_id}/revisions/{revision_id}": get(
            COAUTHORS, also_ok=(404,)
        ),
        "GET /api/v1/briefs/sessions/{session_id}/sign-off": get(COAUTHORS),
    }


API_PATH_VALUES = {
    "consultation_id": "consultation",
    "survey_id": "survey",
    "session_id": "session",
    "forum_id": "forum",
    "thread_id": "thread",
    "fact_check_id": "fact_check",
    "job_id": "job",
}
for _part in all_parts():
    API_PATH_VALUES.update(getattr(_part, "API_PATH_VALUES", {}))


# --- checking one answer --------------------------------------------------------------


def error_messages(response):
    """The error messages the request queued (a form's "you may not" on redirect)."""
    storage = getattr(response.wsgi_request, "_messages", None)
    queued = getattr(storage, "_queued_messages", [])
    return [message for message in queued if message.level == messages.ERROR]


def is_refusal(response, expect, *, as_allowed=False):
    status = response.status_code
    if status in (401, 403, *expect.refused_with):
        return True
    if status == 404:
        return not (as_allowed and 404 in expect.also_ok)
    if status in (301, 302, 303, 307):
        location = urlsplit(response.get("Location", "")).path
        if location in REFUSAL_EXACT:
            return not (as_allowed and "dashboard" in expect.also_ok)
        if any(part in location for part in REFUSAL_REDIRECTS):
            return True
        # A redirect back with an error message refuses someone who may not; for those
        # who may, it is an answer about their input (no RSVP to cancel, say).
        return not as_allowed and bool(error_messages(response))
    return False


def check(identity, expect, response, label, problems):
    """Add to `problems` what is wrong with `identity`'s answer for `label`."""
    status = response.status_code
    where = f"{label} as {identity}: {status} {response.get('Location', '')}".rstrip()
    if status >= 500 and not (expect.raises_by_design and identity in expect.may):
        problems.append(f"{where} (server error)")
        return
    if identity in expect.loose:
        return
    if identity in expect.may:
        if is_refusal(response, expect, as_allowed=True) and status not in expect.also_ok:
            problems.append(f"{where} (should be allowed)")
    elif not is_refusal(response, expect):
        problems.append(f"{where} (should be refused)")


def request(client, method, path, expect):
    if method == "GET":
        return client.get(path, expect.query)
    body = json.dumps(expect.data) if path.startswith("/api/") else expect.data
    kwargs = {"content_type": "application/json"} if path.startswith("/api/") else {}
    return getattr(client, method.lower())(path, body, **kwargs)


def in_order(expect, identities):
    """Refused identities first, so what an allowed one changes cannot hide a refusal."""
    return sorted(identities, key=lambda identity: (identity in expect.may, identity))


def run(world, expect, path, identities, label):
    """Each identity's request in its own savepoint, so no answer depends on another's."""
    problems = []
    for identity in in_order(expect, identities):
        with transaction.atomic():
            response = request(client_for(world, identity), expect.method, path, expect)
            transaction.set_rollback(True)
        check(identity, expect, response, label, problems)
    return problems


# --- the routes of the URL resolver ---------------------------------------------------


def all_routes():
    return sorted(walk_routes(), key=lambda route: route.name)


def checked_routes():
    routes = [route for route in all_routes() if expectation(route) is not None]
    return [route for route in routes if not expectation(route).api]


def test_every_route_is_classified():
    unlisted = [
        f"{route.name} ({route.pattern})" for route in all_routes() if not expectation(route)
    ]
    assert not unlisted, (
        "Routes without an entry in tests/security/matrix.py (say who may open them):\n"
        + "\n".join(unlisted)
    )


def test_the_table_lists_no_route_that_is_gone():
    names = {route.name for route in all_routes()} | {route.pattern for route in all_routes()}
    assert not sorted(set(ROUTES) - names)


@pytest.mark.parametrize(
    ("index", "route"),
    list(enumerate(checked_routes())),
    ids=[route.name for route in checked_routes()],
)
def test_route(world, index, route):
    expect = expectation(route)
    path = build_path(route, world)
    assert path is not None, f"no path for {route.name}"
    identities = IDENTITIES
    if route.name not in ROUTES:  # third-party admin: see the module docstring
        identities = [STAFF, ROTATING[index % len(ROTATING)]]
        if MOD not in expect.loose:
            identities.append(MOD)
    problems = run(world, expect, path, identities, f"{expect.method} {path} [{route.name}]")
    assert not problems, "\n".join(problems)


# --- every Wagtail page type -----------------------------------------------------------


def test_every_page_type_is_classified():
    labels = {model._meta.label for model in get_page_models()}
    assert labels <= set(PAGE_TYPES), f"unclassified page types: {labels - set(PAGE_TYPES)}"


@pytest.mark.parametrize("label", sorted(label for label, e in PAGE_TYPES.items() if e))
def test_page_type(world, label):
    model = next(model for model in get_page_models() if model._meta.label == label)
    page = model.objects.live().exact_type(model).first()
    assert page is not None, f"the demo city has no live {label}: add one to seed_demo"
    expect = PAGE_TYPES[label]
    problems = run(world, expect, page.url, IDENTITIES, f"{label} {page.url}")
    assert not problems, "\n".join(problems)


# --- every operation of the OpenAPI document ------------------------------------------


@pytest.fixture(scope="module")
def openapi(security_world):
    from django.test import Client

    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(document):
    for path, methods in document["paths"].items():
        for method in methods:
            if method in ("get", "post", "put", "patch", "delete"):
                yield f"{method.upper()} {path}"


def test_every_api_operation_is_classified(world, openapi):
    expected = api_ops(world)
    listed = set(operations(openapi))
    assert not sorted(listed - set(expected)), "API operations missing from api_ops()"
    assert not sorted(set(expected) - listed), "api_ops() lists operations that are gone"


def test_every_api_route_is_in_the_openapi_document(world, openapi):
    documented = {path.split("{")[0] for path in openapi["paths"]}
    for route in all_routes():
        expect = expectation(route)
        if expect is not None and expect.api:
            prefix = "/" + route.pattern.split("<")[0]
            assert any(path.startswith(prefix) for path in documented), route.name


def test_api_operations(world, openapi):
    problems = []
    for operation, expect in api_ops(world).items():
        method, template = operation.split(" ", 1)
        path = template
        for keyword, key in API_PATH_VALUES.items():
            path = path.replace("{" + keyword + "}", str(world.ids[key]))
        path = path.replace("{proposal_id}", "1").replace("{revision_id}", "1")
        expect = Expect(**{**expect.__dict__, "method": method})
        problems += run(world, expect, path, IDENTITIES, operation)
    assert not problems, "\n".join(problems)
