"""Related items the shared apps give a policy area: opinion maps and alerts.

Registered from `ImpactConfig.ready()` (both are shared apps, which impact may read):

- opinion maps belong to a consultation or forum scope (`OpinionMap.scope`), so they
  are found by the scopes of the area's consultations (a by-scope provider);
- alerts name the policy areas whose texts raised them (`Alert.policy_areas`, the
  areas' codes) and their scope; an alert on one of the area's consultations counts too.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..related import RelatedItem, register_related


def opinion_maps_of(policy_area, scopes):
    from engage.opinions.models import OpinionMap

    maps = OpinionMap.objects.filter(scope__in=sorted(scopes)).order_by("-created", "-pk")
    return [
        RelatedItem(
            title=str(opinion_map),
            url=reverse("opinions:map", args=[opinion_map.pk]),
            status=str(opinion_map.get_status_display()),
            date=opinion_map.created,
            scope=opinion_map.scope,
        )
        for opinion_map in maps
    ]


def alerts_of(policy_area, scopes):
    from engage.monitoring.alerts.lookups import ListIncludes
    from engage.monitoring.alerts.models import Alert

    condition = Q(ListIncludes("policy_areas", [policy_area.slug]))
    consultations = sorted(scope for scope in scopes if scope.startswith("consultation:"))
    if consultations:
        condition |= Q(scope__in=consultations)
    alerts = Alert.objects.filter(condition).select_related("rule").order_by("-period", "-pk")
    return [
        RelatedItem(
            title=str(alert),
            url=reverse("monitoring_alerts:alert", args=[alert.pk]),
            status=str(alert.get_status_display()),
            date=alert.period,
            scope=alert.scope,
        )
        for alert in alerts
    ]


def register():
    register_related("opinion_map", _("Opinion maps"), opinion_maps_of, by_scope=True, order=40)
    register_related("alert", _("Alerts"), alerts_of, by_scope=True, order=50)
