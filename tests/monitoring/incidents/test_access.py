"""Who sees which report: residents only their own, a partner only what was referred
to it, staff triage everything (status and referral, audited)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from engage.monitoring.incidents import rules, services
from engage.monitoring.incidents.models import IncidentEvent, IncidentReport, Status
from tests import factories

from .conftest import SECRET_TEXT, make_report

pytestmark = pytest.mark.django_db


def referred_report(wards, staff, organisation):
    report, _secret = make_report(area=wards[0])
    services.refer(report, organisation, staff, "Victim asked for support")
    return report


def test_staff_refer_a_report_and_the_referral_is_audited(wards, staff, victim_support):
    report = referred_report(wards, staff, victim_support)
    report.refresh_from_db()
    assert report.status == Status.REFERRED
    assert report.referred_to == victim_support and report.referred_at
    event = IncidentEvent.objects.get(report=report)
    assert (event.actor, event.action, event.organisation) == (
        staff,
        IncidentEvent.Action.REFERRED,
        victim_support,
    )
    assert event.note == "Victim asked for support"
    services.change_status(report, Status.CLOSED, staff, "Support given")
    assert report.events.filter(action=IncidentEvent.Action.STATUS, status=Status.CLOSED).exists()


def test_a_report_without_consent_cannot_be_referred(wards, staff, victim_support):
    report, _secret = make_report(area=wards[0], consent=False)
    with pytest.raises(ValidationError):
        services.refer(report, victim_support, staff)
    report.refresh_from_db()
    assert report.referred_to is None and not report.events.exists()


def test_an_inactive_partner_cannot_receive_referrals(wards, staff, victim_support):
    victim_support.is_active = False
    victim_support.save()
    report, _secret = make_report(area=wards[0])
    with pytest.raises(ValidationError):
        services.refer(report, victim_support, staff)


def test_marking_referred_needs_a_partner(wards, staff):
    report, _secret = make_report(area=wards[0])
    with pytest.raises(ValidationError):
        services.change_status(report, Status.REFERRED, staff)


@pytest.mark.parametrize("who", ["resident", "partner", "staff_without_totp"])
def test_only_staff_with_two_factor_triage(who, wards, victim_support, partner, resident):
    actor = {
        "resident": resident,
        "partner": partner,
        "staff_without_totp": factories.city_staff(),
    }[who]
    report, _secret = make_report(area=wards[0])
    with pytest.raises(PermissionDenied):
        services.refer(report, victim_support, actor)
    with pytest.raises(PermissionDenied):
        services.change_status(report, Status.CLOSED, actor)


def test_the_receiving_partner_sees_the_report_and_the_opening_is_audited(
    client, wards, staff, victim_support, partner
):
    report = referred_report(wards, staff, victim_support)
    unreferred, _secret = make_report(area=wards[1], description="another story")
    client.force_login(partner)
    listing = client.get(reverse("monitoring_incidents:referred")).content.decode()
    assert report.reference in listing and unreferred.reference not in listing
    detail = client.get(reverse("monitoring_incidents:referred_detail", args=[report.reference]))
    assert detail.status_code == 200
    assert SECRET_TEXT in detail.content.decode()
    assert report.events.filter(action=IncidentEvent.Action.PARTNER_VIEWED, actor=partner).exists()
    other = client.get(reverse("monitoring_incidents:referred_detail", args=[unreferred.reference]))
    assert other.status_code == 404


def test_another_partner_sees_nothing(client, wards, staff, victim_support, other_partner_member):
    report = referred_report(wards, staff, victim_support)
    client.force_login(other_partner_member)
    listing = client.get(reverse("monitoring_incidents:referred")).content.decode()
    assert report.reference not in listing
    url = reverse("monitoring_incidents:referred_detail", args=[report.reference])
    assert client.get(url).status_code == 404


def test_a_partner_without_two_factor_is_refused(client, wards, staff, victim_support):
    user = factories.UserFactory()
    from tests.factories.policy import PartnerMembershipFactory

    PartnerMembershipFactory(organisation=victim_support, user=user)
    report = referred_report(wards, staff, victim_support)
    client.force_login(user)
    assert client.get(reverse("monitoring_incidents:referred")).status_code == 403
    url = reverse("monitoring_incidents:referred_detail", args=[report.reference])
    assert client.get(url).status_code == 404


def test_residents_see_only_their_own_reports(client, wards, resident):
    own, _secret = make_report(area=wards[0], reporter=resident, description="mine")
    someone_else, _secret = make_report(area=wards[0], reporter=factories.UserFactory())
    anonymous, _secret = make_report(area=wards[0])
    client.force_login(resident)
    page = client.get(reverse("monitoring_incidents:mine")).content.decode()
    assert own.reference in page
    assert someone_else.reference not in page and anonymous.reference not in page
    assert client.get(reverse("monitoring_incidents:referred")).status_code == 403
    delete = reverse("monitoring_incidents:delete_mine", args=[someone_else.reference])
    assert client.post(delete).status_code == 404
    assert IncidentReport.objects.filter(pk=someone_else.pk).exists()
    assert not rules.can_view_as_partner(resident, someone_else)


def test_staff_triage_in_the_admin(client, wards, staff, victim_support):
    report, _secret = make_report(area=wards[0])
    client.force_login(staff)
    index = client.get(reverse("incidents_admin:index"))
    assert index.status_code == 200
    assert report.reference in index.content.decode()
    url = reverse("incidents_admin:detail", args=[report.pk])
    page = client.get(url)
    assert SECRET_TEXT in page.content.decode()
    response = client.post(
        url, {"status": Status.REFERRED, "refer_to": victim_support.pk, "note": "Referred"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.referred_to == victim_support and report.status == Status.REFERRED
    actions = list(report.events.values_list("action", flat=True))
    assert actions == [IncidentEvent.Action.STAFF_VIEWED, IncidentEvent.Action.REFERRED]


def test_triage_form_reports_a_refused_referral(client, wards, staff, victim_support):
    report, _secret = make_report(area=wards[0], consent=False)
    client.force_login(staff)
    url = reverse("incidents_admin:detail", args=[report.pk])
    response = client.post(url, {"status": Status.NEW, "refer_to": victim_support.pk})
    assert response.status_code == 200
    assert "did not agree to share" in response.content.decode()
    report.refresh_from_db()
    assert report.referred_to is None


@pytest.mark.parametrize("who", ["resident", "partner", "moderator"])
def test_others_cannot_open_the_triage_pages(client, wards, resident, partner, who):
    report, _secret = make_report(area=wards[0])
    user = {
        "resident": resident,
        "partner": partner,
        "moderator": factories.with_totp(factories.moderator()),
    }[who]
    client.force_login(user)
    for url in (
        reverse("incidents_admin:index"),
        reverse("incidents_admin:detail", args=[report.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), (url, response.status_code)
        assert SECRET_TEXT not in response.content.decode()


def test_staff_delete_a_report_on_request_and_others_cannot(client, wards, staff, resident):
    report, _secret = make_report(area=wards[0])
    url = reverse("incidents_admin:delete", args=[report.pk])
    client.force_login(resident)
    assert client.post(url).status_code in (302, 403)
    assert IncidentReport.objects.filter(pk=report.pk).exists()
    client.force_login(staff)
    assert client.post(url).status_code == 302
    assert not IncidentReport.objects.filter(pk=report.pk).exists()
    with pytest.raises(PermissionDenied):
        services.delete_report(make_report(area=wards[0])[0], by=resident)
