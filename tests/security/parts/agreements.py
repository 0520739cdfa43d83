"""Information-sharing agreements (/<lang>/agreements/, issue #17).

`build` runs the agreements demo (engage/policy/demo), so the demo partner's city-wide
grant is under agreement 1 ("NB-ISA-2026-01"), in force and signed by the partner and
the staff account, and information request 1 (the partner's) waits for a decision.

- "What I can see and why" is for partner members;
- an agreement's page: staff (TOTP), its signatories and its parties' members — the
  staff account and the partner; signing: nobody (both have signed); withdrawing with
  an empty reason answers 400 (the form) to the two signatories;
- sending for signature, terminating and the audit: staff (TOTP);
- information requests: staff (TOTP) and partner members with TOTP; asking: partners;
  deciding: staff; downloading the answer: the partner, once answered (request 1 is
  not yet: nobody).
The admin snippet (`wagtailsnippets_policy_informationsharingagreement`) is staff's,
as every snippet. The API lists the signed-in person's agreements in force.
"""

from tests.security.matrix import NOBODY, PARTNER, SIGNED_IN, STAFF, STAFF_ONLY, get, post

SIGNATORIES = frozenset({STAFF, PARTNER})
REQUESTERS = frozenset({STAFF, PARTNER})

PK_OBJECTS = (
    ("agreements:request_", "information_request"),
    ("agreements:", "agreement"),
)

ROUTES = {
    "agreements:mine": get({PARTNER}),
    "agreements:detail": get(SIGNATORIES),
    "agreements:sign": post(NOBODY, data={"confirm": "on"}),
    "agreements:withdraw": post(SIGNATORIES, data={"withdraw-reason": ""}),
    "agreements:submit": post(STAFF_ONLY),
    "agreements:terminate": post(STAFF_ONLY, data={"terminate-reason": ""}),
    "agreements:audit": get(STAFF_ONLY),
    "agreements:audit_csv": get(STAFF_ONLY),
    "agreements:requests": get(REQUESTERS),
    "agreements:request_create": get({PARTNER}),
    "agreements:request_detail": get(REQUESTERS),
    "agreements:request_decide": post(STAFF_ONLY, data={"decision": "decline", "note": ""}),
    "agreements:request_download": get(NOBODY),
}


def build(world):
    """The agreements demo, and the ids of agreement NB-ISA-2026-01 and its request."""
    from engage.policy.demo import seed
    from engage.policy.models import InformationRequest, InformationSharingAgreement

    seed()
    agreement = InformationSharingAgreement.objects.get(reference="NB-ISA-2026-01")
    world.ids["agreement"] = agreement.pk
    world.ids["information_request"] = (
        InformationRequest.objects.filter(agreement=agreement).order_by("pk").first().pk
    )


def api_ops(world):
    return {"GET /api/v1/agreements/": get(SIGNED_IN)}
