"""The city policy × community matrix (/<lang>/impact/matrix/, issue #16).

A city-wide report about communities: city staff and the demo partner (a city-wide
grant to view reports), both with TOTP, see it; its CSV and PDF are exports, and the
partner's grant is for viewing only, so they are the city staff's.
"""

from tests.security.matrix import REPORT_READERS, STAFF_ONLY, get

ROUTES = {
    "impact:matrix:index": get(REPORT_READERS),
    "impact:matrix:export_csv": get(STAFF_ONLY),
    "impact:matrix:export_pdf": get(STAFF_ONLY),
}
