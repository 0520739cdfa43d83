"""Cohesion pulse surveys (/<lang>/pulse/, /admin/pulse/) and tension assessments
(/<lang>/tension/, /admin/tension/indicators/), issue #15.

Pulse: the list of open waves and a wave's answer page are public (anonymous visitors
are asked to log in there; nobody's answers are ever shown). A one-time link with the
matrix's fake token is not found for anyone (tests/monitoring/pulse covers real links).
A wave's results are for city staff and partners whose grants cover its areas (the demo
partner has a city-wide grant), with TOTP. Waves, link batches and issuing links are
city staff's, in the admin.

Tension: never public. Staff and partners with a grant for the area (TOTP) see
assessments; only partner members submit, and only the assessing organisation's
members revise. (tests/monitoring/tension/test_views.py checks partners with and
without a grant for the area.)
"""

from tests.security.matrix import (
    EVERYONE,
    NOBODY,
    PARTNER,
    PUBLIC,
    REPORT_READERS,
    STAFF_ONLY,
    get,
)

VIEWSETS = ("pulse_waves", "pulse_link_batches", "tension_indicators")

ROUTES = {
    "monitoring_pulse:index": PUBLIC,
    "monitoring_pulse:answer": get(EVERYONE),  # wave 1; a prompt to log in when anonymous
    "monitoring_pulse:answer_with_link": get(NOBODY),  # the fake token: 404 for everyone
    "monitoring_pulse:results": get(REPORT_READERS),
    "monitoring_pulse_issue_links": get(STAFF_ONLY),
    # Link batches are a history: nobody adds or edits one in the admin.
    "pulse_link_batches:add": get(NOBODY),
    "pulse_link_batches:edit": get(NOBODY),
    "monitoring_tension:index": get(REPORT_READERS),
    "monitoring_tension:create": get({PARTNER}),
    "monitoring_tension:detail": get(REPORT_READERS),
    "monitoring_tension:edit": get({PARTNER}),  # assessment 1 is the demo partner's
}


def build(world):
    """Wave 1 (city-wide, open) and tension assessment 1 (by the demo partner's
    organisation), the objects the matrix's <pk> 1 addresses."""
    import datetime

    from django.utils import timezone

    from engage.communities.models import Area
    from engage.monitoring.pulse.models import Wave
    from engage.monitoring.tension.models import Assessment
    from engage.policy.models import PartnerMembership

    today = timezone.localdate()
    if not Wave.objects.filter(pk=1).exists():
        Wave.objects.create(
            pk=1,
            title="Permission matrix wave",
            starts_on=today - datetime.timedelta(days=1),
            ends_on=today + datetime.timedelta(days=1),
            indicators=["trust"],
        )
    wave = Wave.objects.get(pk=1)
    wave.areas.clear()  # a ParentalManyToManyField: written by save()
    wave.save()
    organisation = (
        PartnerMembership.objects.filter(user=world.users["partner"]).first().organisation
    )
    if not Assessment.objects.filter(pk=1).exists():
        Assessment.objects.create(
            pk=1,
            organisation=organisation,
            area=Area.objects.filter(parent__isnull=False).order_by("code").first()
            or Area.objects.first(),
            period_start=today,
            period_end=today,
            level=2,
            trend="stable",
            confidence="medium",
            created_by=world.users["partner"],
        )
    else:
        Assessment.objects.filter(pk=1).update(organisation=organisation)
    world.ids.update(pulse_wave=1, tension_assessment=1)
