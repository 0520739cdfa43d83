"""Every access and export under an agreement is recorded and reportable per agreement.

Access decisions are noted by `engage.accounts.rules.partner_access_for` calling
`engage.policy.access_log.note_grant_use` (the lead wires that line in); these tests
wrap the function the same way, so they check the middleware, the report and the CSV.
"""

import csv
import io

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from engage.accounts import rules as account_rules
from engage.policy.access_log import note_grant_use
from engage.policy.middleware import AgreementAccessMiddleware
from engage.policy.models import AgreementAccess, AgreementEvent, ExportRecord, PartnerGrant
from engage.policy.services import agreements as services
from engage.policy.services import record_export
from tests import factories

pytestmark = pytest.mark.django_db

MIDDLEWARE = "engage.policy.middleware.AgreementAccessMiddleware"


@pytest.fixture
def noting(monkeypatch):
    """`partner_access_for` noting the grant it used, as the wired-in rules do."""
    original = account_rules.partner_access_for

    def partner_access_for(user, scope, accesses):
        wanted = account_rules._as_scope(scope)
        for grant_scope, access in account_rules.partner_grants(user):
            if access in accesses and wanted and account_rules._grant_covers(grant_scope, wanted):
                note_grant_use(user, grant_scope, access)
                return True
        return False

    monkeypatch.setattr(account_rules, "partner_access_for", partner_access_for)
    yield
    monkeypatch.setattr(account_rules, "partner_access_for", original)


@pytest.fixture
def with_middleware(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]


def _request(user, path="/en/reports/representation/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def test_a_successful_answer_records_one_access_per_agreement(agreement, member):
    def view(request):
        note_grant_use(member, "city", "view_reports")
        note_grant_use(member, "city", "view_reports")  # asked twice, recorded once
        return HttpResponse("ok")

    AgreementAccessMiddleware(view)(_request(member))
    access = AgreementAccess.objects.get()
    assert (access.agreement, access.user, access.scope, access.status_code) == (
        agreement,
        member,
        "city",
        200,
    )
    assert access.organisation == agreement.parties.get().organisation


def test_a_refused_or_failed_answer_records_nothing(agreement, member):
    def view(request):
        note_grant_use(member, "city", "view_reports")
        return HttpResponse(status=403)

    AgreementAccessMiddleware(view)(_request(member))
    assert not AgreementAccess.objects.exists()


def test_nothing_is_recorded_when_no_grant_was_used(agreement, member):
    AgreementAccessMiddleware(lambda request: HttpResponse("ok"))(_request(member))
    assert not AgreementAccess.objects.exists()


def test_a_grant_whose_agreement_ended_is_not_recorded(agreement, member, staff):
    services.terminate(agreement, staff, "Ended.")

    def view(request):
        note_grant_use(member, "city", "view_reports")
        return HttpResponse("ok")

    AgreementAccessMiddleware(view)(_request(member))
    assert not AgreementAccess.objects.exists()


def test_a_partner_reading_a_report_is_recorded_under_its_agreement(
    client, agreement, member, noting, with_middleware
):
    client.force_login(member)
    response = client.get(reverse("representation_reports:dashboard"))
    assert response.status_code == 200
    access = AgreementAccess.objects.get()
    assert access.agreement == agreement
    assert access.path.startswith("/en/reports/representation/")


def test_a_partner_without_an_agreement_is_refused_and_nothing_is_recorded(
    client, member, organisation, noting, with_middleware
):
    factories.PartnerGrantFactory(
        organisation=organisation, scope="city", access="view_reports", agreement=None
    )
    client.force_login(member)
    assert client.get(reverse("representation_reports:dashboard")).status_code == 403
    assert not AgreementAccess.objects.exists()


def test_an_export_names_the_agreement_whose_grant_allowed_it(agreement, member, organisation):
    PartnerGrant.objects.create(
        organisation=organisation, agreement=agreement, scope="area:E1", access="export"
    )
    record = record_export(member, "representation_report", "area:E1", "csv")
    assert record.agreement == agreement
    assert ExportRecord.objects.under_agreement(agreement).get() == record


def test_staff_exports_name_no_agreement(staff):
    assert record_export(staff, "representation_report", "city", "csv").agreement is None


def test_staff_read_the_audit_report_and_download_it_recorded(client, agreement, member, staff):
    AgreementAccess.objects.create(
        agreement=agreement,
        user=member,
        scope="city",
        access="view_reports",
        method="GET",
        path="/en/reports/representation/?scope=city",
        status_code=200,
    )
    ExportRecord.objects.create(
        user=member,
        agreement=agreement,
        kind="representation_report",
        scope="=cmd()",
        export_format="csv",
    )
    client.force_login(staff)
    page = client.get(reverse("agreements:audit", args=[agreement.pk]))
    assert page.status_code == 200
    assert "/en/reports/representation/?scope=city" in page.content.decode()
    download = client.get(reverse("agreements:audit_csv", args=[agreement.pk]))
    assert download.status_code == 200
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert [row[0] for row in rows[1:]] == ["access", "export"]
    assert rows[2][5] == "'=cmd()"  # a formula stays text
    assert AgreementEvent.objects.filter(
        agreement=agreement, kind=AgreementEvent.Kind.AUDIT_DOWNLOADED, user=staff
    ).exists()
    assert ExportRecord.objects.filter(user=staff, kind="agreement_audit").exists()


def test_partners_cannot_read_the_audit(client, agreement, member):
    client.force_login(member)
    assert client.get(reverse("agreements:audit", args=[agreement.pk])).status_code == 403
    assert client.get(reverse("agreements:audit_csv", args=[agreement.pk])).status_code == 403
