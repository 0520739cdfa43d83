"""The community sentiment dashboard (/<lang>/monitoring/dashboard/, issue #15).

Seeing it is reading a report about communities: city staff and the demo partner, whose
organisation has a city-wide grant to view reports, both with TOTP. Its downloads are
exports, and the partner's grant is for viewing only, so they are the city staff's.
"""

from tests.security.matrix import REPORT_READERS, STAFF_ONLY, get

ROUTES = {
    "monitoring_alerts:dashboard:index": get(REPORT_READERS),
    "monitoring_alerts:dashboard:export_csv": get(STAFF_ONLY),
    "monitoring_alerts:dashboard:export_pdf": get(STAFF_ONLY),
}
