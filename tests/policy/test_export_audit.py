"""The export audit trail: recorded by the service, listed read-only for city staff."""

import pytest
from django.urls import reverse

from engage.policy.models import ExportRecord, PartnerGrant
from engage.policy.services import record_export
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(settings):
    user = factories.city_staff()
    settings.ENGAGE_MFA_EXEMPT_EMAILS = [user.email]
    return user


def test_record_export_names_the_partner_organisation():
    partner = factories.partner_member(grants=[("city", PartnerGrant.Access.EXPORT)])
    record = record_export(partner, "representation_report", "city", "csv", dimension=None)
    assert record.organisation == partner.partner_memberships.get().organisation
    assert record.parameters == {}
    assert ExportRecord.objects.for_scope("city").get() == record


def test_staff_see_the_export_audit_and_cannot_change_it(client, staff):
    record = record_export(staff, "representation_report", "consultation:4", "pdf")
    client.force_login(staff)
    listing = client.get(reverse("export_records:index"))
    assert listing.status_code == 200
    assert "consultation:4" in listing.content.decode()
    assert client.get(reverse("export_records:inspect", args=[record.pk])).status_code == 200
    assert client.get(reverse("export_records:edit", args=[record.pk])).status_code != 200
    assert client.post(reverse("export_records:delete", args=[record.pk])).status_code != 200
    assert ExportRecord.objects.filter(pk=record.pk).exists()


def test_moderators_do_not_see_the_export_audit(client, settings):
    moderator = factories.moderator()
    settings.ENGAGE_MFA_EXEMPT_EMAILS = [moderator.email]
    client.force_login(moderator)
    response = client.get(reverse("export_records:index"))
    assert response.status_code in {302, 403}
