"""Every URL route of the project, as the permission matrix walks them."""

import re
from dataclasses import dataclass

from django.urls import URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or the path when the route has no name
    pattern: str  # the full pattern, without the language prefix
    converters: tuple  # (kwarg name, converter name) pairs, in order
    regex: bool  # a regular-expression route (re_path)
    localised: bool = False  # inside i18n_patterns (/<lang>/…)


def _converters(pattern):
    return tuple(re.findall(r"<(?:(\w+):)?(\w+)>", pattern))


def walk_routes(resolver=None, namespace=None, prefix="", localised=False):
    """Yield a Route for every URLPattern, inside and outside i18n_patterns."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        text = str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = localised
            if hasattr(entry.pattern, "prefix_default_language"):
                text, inner = "", True  # the language prefix: added when a path is built
            child_ns = entry.namespace
            ns = f"{namespace}:{child_ns}" if namespace and child_ns else (child_ns or namespace)
            yield from walk_routes(entry, ns, prefix + text, inner)
            continue
        full = prefix + text
        name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
        yield Route(
            name=name or full,
            pattern=full,
            converters=tuple((kw, conv or "str") for conv, kw in _converters(full)),
            regex="^" in full,
            localised=localised,
        )


# Which object a route's `pk` (or other id) addresses, by route name prefix. The
# values are keys of World.ids; the first prefix that matches wins.
PK_OBJECT = (
    ("consultations:briefs:", "brief_item"),
    ("consultations:engagement:survey", "survey"),
    ("consultations:engagement:react", "comment"),
    ("codesign:session", "session"),
    ("consultations:comment", "comment"),
    ("forums:thread", "thread"),
    ("forums:fact_check_new", "thread"),  # /threads/<pk>/fact-checks/new/
    ("forums:fact_check", "fact_check"),
    ("forums:post", "post"),
    ("exports_", "consultation"),
    ("engage_moderation:item", "queue_item"),
    ("moderation_audit:", "action"),
    ("moderation:report", "reply"),
)
# Values by keyword, for every route that does not say otherwise.
BY_KEYWORD = {
    "consultation_id": "consultation",
    "session_id": "session",
    "forum_id": "forum",
    "job_id": "job",
    "user_id": "resident_id",
    "action_id": "action",
    "page_id": "home",
    "parent_page_id": "home",
    "page_to_move_id": "home",
    "destination_id": "home",
}
LITERALS = {
    "kind": "comment",
    "decision": "accept",
    "action": "final",
    "content_type_app_name": "home",
    "content_type_model_name": "standardpage",
    "app_label": "home",
    "app_name": "home",
    "model_name": "standardpage",
    "action_name": "publish",
    "filter_spec": "original",
    "uidb64": "MQ",
    "uidb36": "1",
    "key": "not-a-real-key",
    "object_id": "1",
    "content_type_id": "1",
    "revision_id_a": "earliest",
    "revision_id_b": "latest",
}


def _parts_pk_objects():
    """(route-name prefix, world id key) pairs of the features (tests/security/parts/)."""
    from tests.security.parts import all_parts

    return tuple(pair for part in all_parts() for pair in getattr(part, "PK_OBJECTS", ()))


def _parts_path_values():
    """Path keyword -> world id key of the features' routes (their `PATH_VALUES`)."""
    from tests.security.parts import all_parts

    values = {}
    for part in all_parts():
        values.update(getattr(part, "PATH_VALUES", {}))
    return values


# Routes whose pattern is a regular expression with unnamed groups: the path to use.
EXPLICIT = {
    "admin/^.*/$": "admin/no-such-admin-page/",
    "documents/^(\\d+)/(.*)$": "documents/1/nothing.pdf",
    "wagtail_serve": "",  # the home page; every page type is checked by its own test
    "admin:None": None,
}


def _value(route, keyword, world):
    token = {
        "following:unsubscribe": "unsubscribe_token",
        "codesign:session_invitation": "invitation_token",
    }
    if keyword == "token" and route.name in token:
        return world.ids[token[route.name]]
    if keyword == "token":
        return "not-a-real-token"
    if keyword == "pk":
        for prefix, key in PK_OBJECT + _parts_pk_objects():
            if route.name.startswith(prefix):
                return world.ids[key]
    by_keyword = BY_KEYWORD | _parts_path_values()
    if keyword in by_keyword:
        return world.ids[by_keyword[keyword]]
    if keyword in LITERALS:
        return LITERALS[keyword]
    return 1


def build_path(route, world, language="en"):
    """The path that exercises `route` with the world's objects; None when it has none."""
    if route.name in EXPLICIT or route.pattern in EXPLICIT:
        path = EXPLICIT.get(route.name, EXPLICIT.get(route.pattern))
        if path is None:
            return None
    else:
        path = route.pattern.replace("^", "").replace("$", "").replace("\\.", ".")

        def angle(match):
            return str(_value(route, match.group(2), world))

        def group(match):
            return str(_value(route, match.group(1), world))

        path = re.sub(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)", group, path)
        path = re.sub(r"<(?:(\w+):)?(\w+)>", angle, path)
    prefix = f"/{language}/" if route.localised else "/"
    return prefix + path
