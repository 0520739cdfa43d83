"""CSV and PDF downloads: the same figures as the page, only the areas the reader may
export, and every download recorded in the export log."""

import csv
import io

import pytest
from django.urls import reverse

from engage.policy.models import ExportRecord, PartnerGrant
from tests import factories
from tests.monitoring.dashboard.conftest import AGREE, TENSION, TEXTS, TODAY, add_texts

pytestmark = pytest.mark.django_db


def download(client, name, **params):
    params.setdefault("until", TODAY.isoformat())
    return client.get(reverse(f"monitoring_alerts:dashboard:{name}"), params)


def rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.fixture
def staff_client(client, staff, test_series, wards):
    add_texts({("W1", 0): 3, ("W1", 2): 2})
    client.force_login(staff)
    return client


def test_csv_has_every_week_with_a_point_and_says_where_there_is_none(staff_client, staff):
    response = download(staff_client, "export_csv", weeks=4, series=[TEXTS, AGREE])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    table = rows(response)
    texts_w1 = [
        (r["week"], r["value"], r["observations"])
        for r in table
        if r["area_code"] == "W1" and r["series"] == TEXTS
    ]
    assert texts_w1 == [("2026-06-01", "2", "2"), ("2026-06-15", "3", "3")]
    w3 = [r for r in table if r["area_code"] == "W3" and r["series"] == TEXTS]
    assert [(r["week"], r["value"], r["state"]) for r in w3] == [("", "", "no data")]
    withheld = [r for r in table if r["area_code"] == "W2" and r["series"] == AGREE]
    assert [(r["value"], r["observations"], r["state"]) for r in withheld] == [
        ("", "4", "withheld")
    ]
    assert not any(r["series"] == TENSION for r in table)
    record = ExportRecord.objects.get()
    assert (record.user, record.kind, record.scope, record.export_format) == (
        staff,
        "community_sentiment",
        "city",
        "csv",
    )
    assert record.parameters["series"] == f"{AGREE},{TEXTS}"
    assert record.parameters["since"] == "2026-05-25"


def test_csv_says_a_series_is_not_available_for_the_filter(staff_client):
    from engage.policy.models import PolicyArea

    PolicyArea.objects.create(slug="housing", name="Housing")
    table = rows(download(staff_client, "export_csv", policy_area="housing"))
    texts = {r["state"] for r in table if r["series"] == TEXTS}
    assert texts == {"not available for this filter"}
    assert ExportRecord.objects.get().parameters["policy_area"] == "housing"


def test_pdf_is_a_pdf_and_recorded(staff_client):
    response = download(staff_client, "export_pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert ExportRecord.objects.get().export_format == "pdf"


def test_pdf_in_arabic(staff_client):
    response = staff_client.get(
        "/ar" + reverse("monitoring_alerts:dashboard:export_pdf")[3:], {"until": "2026-06-17"}
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_a_partner_downloads_only_its_areas_and_each_is_recorded(client, test_series, wards):
    partner = factories.with_totp(
        factories.partner_member(
            grants=[
                ("area:W1", PartnerGrant.Access.EXPORT),
                ("area:W2", PartnerGrant.Access.VIEW_REPORTS),
            ]
        )
    )
    client.force_login(partner)
    page = client.get(reverse("monitoring_alerts:dashboard:index")).content.decode()
    assert "sentiment.csv" in page and "only the areas your organisation may export" in page
    table = rows(download(client, "export_csv"))
    assert {r["area_code"] for r in table} == {"W1"}
    records = ExportRecord.objects.all()
    assert [(r.scope, r.organisation.name) for r in records] == [("area:W1", "Northbridge Police")]


@pytest.mark.parametrize("name", ["export_csv", "export_pdf"])
def test_viewing_is_not_exporting(client, test_series, wards, name):
    partner = factories.with_totp(
        factories.partner_member(grants=[("city", PartnerGrant.Access.VIEW_REPORTS)])
    )
    client.force_login(partner)
    assert download(client, name).status_code == 403
    assert not ExportRecord.objects.exists()


@pytest.mark.parametrize("name", ["export_csv", "export_pdf"])
def test_residents_and_staff_without_two_factor_cannot_download(client, test_series, wards, name):
    for user in (factories.UserFactory(), factories.city_staff()):
        client.force_login(user)
        assert download(client, name).status_code == 403
    assert not ExportRecord.objects.exists()


def test_a_bad_period_is_a_400_and_nothing_is_recorded(staff_client):
    response = download(staff_client, "export_csv", weeks="500")
    assert response.status_code == 400
    assert "weeks" in response.content.decode()
    assert not ExportRecord.objects.exists()
