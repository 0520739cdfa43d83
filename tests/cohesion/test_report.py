"""The city-wide cohesion report and its CSV: who may read it, what it counts, and that
every download is recorded."""

import csv
import io

import pytest
from django.urls import reverse

from engage.impact.models import ImpactAssessment
from engage.policy.models import ExportRecord, PartnerGrant
from tests.factories import UserFactory, city_staff, partner_member, with_totp

pytestmark = pytest.mark.django_db
REPORT = "/en/reports/cohesion/"
CSV = "/en/reports/cohesion/report.csv"


@pytest.fixture
def staff(db):
    return with_totp(city_staff())


@pytest.fixture
def city_partner(db):
    return with_totp(partner_member(grants=[("city", PartnerGrant.Access.EXPORT)]))


@pytest.fixture
def area_partner(db):
    return with_totp(
        partner_member(
            grants=[("area:NB0001", PartnerGrant.Access.EXPORT)], organisation="Food bank"
        )
    )


def test_report_urls_are_where_the_docs_say():
    assert reverse("cohesion:report") == REPORT
    assert reverse("cohesion:report_csv") == CSV


def test_staff_see_which_consultations_and_decisions_have_a_section(
    client, staff, placed_consultation, complete_section, consultation_index, alerts
):
    from tests.factories import build_consultation

    build_consultation(consultation_index, title="Library hours")
    ImpactAssessment.objects.create(title="Station Square ban")
    complete_section.alerts.set([alerts["in_area"]])
    client.force_login(staff)
    response = client.get(REPORT)
    html = response.content.decode()
    assert response.status_code == 200
    done, missing = html.split('id="done-heading"')[1], html.split('id="done-heading"')[0]
    assert placed_consultation.title in done.split('id="groups-heading"')[0]
    assert "Library hours" in missing
    assert "Station Square ban" in missing
    assert "Children" in html.split('id="groups-heading"')[1]


def test_partner_with_a_city_grant_reads_and_downloads_the_report(
    client, city_partner, placed_consultation, complete_section
):
    client.force_login(city_partner)
    assert client.get(REPORT).status_code == 200
    response = client.get(CSV)
    assert response.status_code == 200
    record = ExportRecord.objects.get()
    assert record.user == city_partner
    assert record.kind == "cohesion_report"
    assert record.scope == "city"
    assert record.organisation is not None


@pytest.mark.parametrize("who", ["resident", "area_partner", "staff_without_totp"])
def test_others_may_not_read_or_download(client, who, area_partner):
    user = {
        "resident": lambda: UserFactory(),
        "area_partner": lambda: area_partner,
        "staff_without_totp": lambda: city_staff(),
    }[who]()
    client.force_login(user)
    for url in (REPORT, CSV):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/2fa/" in response["Location"] or "/login/" in response["Location"]
    assert not ExportRecord.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(REPORT)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_csv_has_one_row_per_consultation_and_decision(
    client, staff, placed_consultation, complete_section, groups
):
    ImpactAssessment.objects.create(title="=HYPERLINK(evil)")
    client.force_login(staff)
    response = client.get(CSV)
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_kind = {row["kind"]: row for row in rows}
    assert by_kind["consultation"]["has_section"] == "yes"
    assert by_kind["consultation"]["complete"] == "yes"
    assert by_kind["consultation"]["groups_considered"] == "2"
    assert by_kind["decision"]["has_section"] == "no"
    assert by_kind["decision"]["title"] == "'=HYPERLINK(evil)"
    assert ExportRecord.objects.filter(kind="cohesion_report", user=staff).count() == 1


def test_partners_do_not_see_draft_consultations(client, city_partner, staff, consultation_index):
    from tests.factories import build_consultation

    build_consultation(consultation_index, title="Secret draft", publish=False)
    client.force_login(city_partner)
    assert "Secret draft" not in client.get(REPORT).content.decode()
    client.force_login(staff)
    assert "Secret draft" in client.get(REPORT).content.decode()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_report_reads_a_fixed_number_of_queries_however_many_consultations(
    staff, consultation_index, language
):
    """Titles (in the reader's language, with the fallback) and page URLs come with the
    rows: no query per consultation."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from consultations.cohesion.report import build_report
    from tests.factories import build_consultation

    def queries():
        with translation.override(language), CaptureQueriesContext(connection) as captured:
            report = build_report(staff)
            [(row.title, row.url) for row in report.rows]
        return len(captured.captured_queries), len(report.rows)

    build_consultation(consultation_index, title="Library hours", title_ar="ساعات المكتبة")
    queries()  # the site root paths are cached after the first URL
    few, rows = queries()
    for number in range(5):
        build_consultation(consultation_index, title=f"Bus route {number}")
    many, more_rows = queries()
    assert more_rows == rows + 5
    assert many == few
