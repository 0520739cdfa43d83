"""The early-warning alerts a cohesion section weighs: a read shared by the section's
admin form and its services (this module imports neither, so no import cycle)."""

import datetime

from django.db.models import Q
from django.utils import timezone

from engage.monitoring.alerts.lookups import ListIncludes
from engage.monitoring.alerts.models import Alert

# Alerts up to this long before a consultation opens count as "in its period".
ALERT_LEAD_TIME = datetime.timedelta(weeks=8)

# A decision record considers the alerts of its policy area in the weeks before it.
DECISION_ALERT_WEEKS = 12


def alerts_to_consider(section):
    """The early-warning alerts a section should weigh: for a consultation, those of its
    own scope or its area from `ALERT_LEAD_TIME` before it opens until it closes; for a
    decision record, those of its policy area in the `DECISION_ALERT_WEEKS` before it."""
    if section.consultation_id:
        page = section.consultation
        start = (page.opens_at - ALERT_LEAD_TIME).date()
        end = min(page.closes_at, max(page.opens_at, timezone.now())).date()
        where = Q(scope=f"consultation:{page.pk}") | Q(ListIncludes("consultations", [page.pk]))
        if page.area_id:
            where |= Q(area=page.area.code) | Q(scope=f"area:{page.area.code}")
        return Alert.objects.filter(where, period__gte=start, period__lte=end).select_related(
            "rule"
        )
    assessment = section.assessment
    end = (assessment.published_at or assessment.created_at or timezone.now()).date()
    start = end - datetime.timedelta(weeks=DECISION_ALERT_WEEKS)
    alerts = Alert.objects.filter(period__gte=start, period__lte=end)
    if assessment.policy_area_id:
        alerts = alerts.filter(ListIncludes("policy_areas", [assessment.policy_area.slug]))
    return alerts.select_related("rule")
