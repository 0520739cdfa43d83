"""Early-warning alerts (/<lang>/monitoring/alerts/, issue #15) and their rules (admin).

Reading alerts is reading a report about communities: city staff and the demo partner
(a city-wide grant to view reports), both with TOTP; a partner sees only the alerts its
grants cover, read-only. Responding (acknowledge, assign, note, close) and the response
log download (an export) are city staff's. Residents, leaders, moderators, visitors and
staff without TOTP get nothing. The rules are a staff-only admin viewset.
"""

import datetime

from tests.security.matrix import REPORT_READERS, STAFF_ONLY, get, post

VIEWSETS = ("monitoring_alert_rules",)

ROUTES = {
    "monitoring_alerts:alerts": get(REPORT_READERS),
    "monitoring_alerts:alert": get(REPORT_READERS),
    "monitoring_alerts:respond": post(
        STAFF_ONLY, data={"action": "note", "note-text": "From the matrix."}
    ),
    "monitoring_alerts:subscription": post(REPORT_READERS, data={"subscribed": "1"}),
    "monitoring_alerts:responses_csv": get(STAFF_ONLY),
}


def build(world):
    """An alert with id 1 (the id the matrix puts in `<pk>`), in a demo ward."""
    from engage.monitoring.alerts.models import Alert, AlertRule
    from engage.monitoring.alerts.rules import NEGATIVITY

    if Alert.objects.filter(pk=1).exists():
        return
    rule = AlertRule.objects.filter(kind=NEGATIVITY).first() or AlertRule.objects.create(
        name="Negativity", kind=NEGATIVITY, explanation="{area}: {value}"
    )
    Alert.objects.create(
        pk=1,
        rule=rule,
        series="signals.negative_share",
        scope="area:matrix",
        area="matrix",
        period=datetime.date(2026, 3, 2),
        evidence={"figures": {"value": 0.5}},
        explanation="From the matrix.",
    )
