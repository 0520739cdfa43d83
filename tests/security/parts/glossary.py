"""The glossary agreed by partners (issue #17): the public glossary and its term pages
(/<lang>/glossary/…) are everyone's for an agreed term; the review pages are for city
staff and partner members with two-factor authentication; moving a term through the
workflow, the terms' snippets, import and export (/admin/glossary/transfer/) and the
read-only audit trail are city staff's (TOTP). In the API, the agreed terms and the
writers' check are public.

`build` makes the agreed term "permission-matrix-term" and one audit entry.
"""

from tests.security.matrix import (
    EVERYONE,
    NOBODY,
    PARTNER,
    PUBLIC,
    STAFF,
    STAFF_ONLY,
    admin,
    get,
    post,
)

REVIEWERS = frozenset({STAFF, PARTNER})

VIEWSETS = ("glossary_audit",)
PATH_VALUES = {
    "term_slug": "glossary_term",
    "transition": "glossary_transition",
    "fmt": "glossary_format",
}
API_PATH_VALUES = {"term_key": "glossary_term"}
PK_OBJECTS = (("glossary_audit:", "glossary_audit_entry"),)

ROUTES = {
    "glossary:index": PUBLIC,
    "glossary:term": PUBLIC,
    "glossary:revisions": PUBLIC,
    "glossary:review_list": get(REVIEWERS),
    "glossary:review": get(REVIEWERS),
    # The agreed term is retired (each identity's request is rolled back).
    "glossary:transition": post(STAFF_ONLY),
    "glossary_admin:transfer": admin(STAFF_ONLY),
    "glossary_admin:export": get(STAFF_ONLY),
    "glossary_audit:add": get(NOBODY),
    "glossary_audit:edit": get(NOBODY),
    "glossary_audit:delete": get(NOBODY),
}


def build(world):
    from engage.policy.glossary import services
    from engage.policy.glossary.models import AuditEntry, Term, TermStatus

    key = "permission-matrix-term"
    if not Term.objects.filter(slug=key).exists():
        services.create_term(
            {
                "key": key,
                "source_language": "en",
                "translations": {
                    "en": {
                        "label": "permission matrix term",
                        "definition": "A term.",
                        "agreed_in": "en",
                    }
                },
                "discouraged": [
                    {
                        "language": "en",
                        "phrase": "bad phrase",
                        "preferred": "good phrase",
                        "reason": "Why.",
                    }
                ],
            },
            status=TermStatus.AGREED,
            keep_agreement=True,
        )
    world.ids["glossary_term"] = key
    world.ids["glossary_transition"] = "retire"
    world.ids["glossary_format"] = "csv"
    world.ids["glossary_audit_entry"] = (
        AuditEntry.objects.filter(term_key=key).order_by("pk").first().pk
    )


def api_ops(world):
    return {
        "GET /api/v1/glossary/terms": get(EVERYONE),
        "GET /api/v1/glossary/terms/{term_key}": get(EVERYONE),
        "GET /api/v1/glossary/check": get(EVERYONE, query={"text": "a bad phrase"}),
        "POST /api/v1/glossary/check": post(EVERYONE, data={"text": "a bad phrase"}),
    }
