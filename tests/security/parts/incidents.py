"""Hate incident reports (/<lang>/report-an-incident/ and /admin/incidents/, issue #15).

Anyone may report, with or without an account. Whoever holds a report's private link
(reference + secret) sees its status and may delete it. A signed-in resident sees and
deletes only their own reports. The partner organisation a report was referred to
(the demo partner, with TOTP) sees that report; nobody else does. Triage in the admin is
city staff's (with TOTP); moderators, partners and staff without TOTP get nothing.
"""

from tests.security.matrix import (
    EVERYONE,
    PARTNER,
    PUBLIC,
    RES,
    SIGNED_IN_ONLY,
    STAFF_ONLY,
    get,
    post,
)

MATRIX_REFERENCE = "1"  # the value the matrix puts in <reference>, <secret> and <pk>

ROUTES = {
    "monitoring_incidents:report": PUBLIC,
    "monitoring_incidents:submitted": PUBLIC,  # without a fresh report: back to the form
    "monitoring_incidents:status": PUBLIC,  # the private link: whoever holds it
    "monitoring_incidents:delete_by_link": post(EVERYONE),
    "monitoring_incidents:mine": SIGNED_IN_ONLY,
    "monitoring_incidents:delete_mine": post({RES}),
    "monitoring_incidents:referred": get({PARTNER}),
    "monitoring_incidents:referred_detail": get({PARTNER}),
    "incidents_admin:index": get(STAFF_ONLY),
    "incidents_admin:detail": get(STAFF_ONLY),
    "incidents_admin:delete": post(STAFF_ONLY),
}


def build(world):
    """Report 1 (reference "1", secret "1"), made by the demo resident and referred to
    the demo partner's organisation."""
    from engage.monitoring.incidents import services
    from engage.monitoring.incidents.models import IncidentReport, hash_secret
    from engage.policy.models import PartnerMembership

    organisation = (
        PartnerMembership.objects.filter(user=world.users["partner"]).first().organisation
    )
    if not IncidentReport.objects.filter(pk=1).exists():
        report = IncidentReport(
            pk=1,
            characteristic="race",
            occurred_on=world.users["resident"].date_joined.date(),
            reported_to_police="no",
        )
        report.description = "From the permission matrix."
        report.set_secret()
        report.save(force_insert=True)
    IncidentReport.objects.filter(pk=1).update(
        reference=MATRIX_REFERENCE,
        secret_hash=hash_secret(MATRIX_REFERENCE),
        reporter=world.users["resident"],
        consent_to_share=True,
    )
    services.refer(IncidentReport.objects.get(pk=1), organisation, world.users["staff"])
