"""The PDF of the aggregate report: suppressed, in the requester's language, and only
for people who may export the scope."""

import pytest
from django.urls import reverse
from django.utils import translation

from engage.communities import pdf
from engage.communities.representation import representation_report
from engage.policy.models import ExportRecord, PartnerGrant
from tests import factories

from .conftest import SMALL

pytestmark = pytest.mark.django_db

ADMIN_PDF = "engage_representation:export_pdf"
PARTNER_PDF = "representation_reports:export_pdf"


def scope_of(consultation):
    return f"consultation:{consultation.pk}"


def get_pdf(client, name, scope):
    return client.get(reverse(name), {"scope": scope})


def test_pdf_content_never_shows_a_small_count(report_setup, settings):
    published = representation_report(scope_of(report_setup)).publishable()
    content = pdf.report_content(published, "Safer streets")
    (ethnicity,) = content.dimensions
    rows = {row[0]: row for row in ethnicity.table[1:]}
    threshold = settings.SMALL_CELL_THRESHOLD
    assert rows["B"][1] == f"fewer than {threshold}"
    assert rows["A"][1] == "60"
    # The small group's share is withheld from the table and the chart alike.
    assert rows["B"][2] == pdf.WITHHELD_MARK
    assert ethnicity.chart_shares[ethnicity.chart_labels.index("B")] is None
    drawn_counts = {row[1] for row in ethnicity.table[1:]} | {
        text.split(": ", 1)[1] for text in ethnicity.summary if text.count(":") == 1
    }
    assert str(SMALL) not in drawn_counts
    for text in content.texts():
        assert text != str(SMALL)


def test_pdf_content_takes_only_the_published_report(report_setup):
    report = representation_report(scope_of(report_setup))
    with pytest.raises(TypeError):
        pdf.report_content(report)


def test_pdf_is_drawn_in_the_requesters_language(report_setup, city):
    dimension = city.dimensions["ethnicity"]
    dimension.name_fr = "Origine"
    dimension.save()
    with translation.override("fr"):
        published = representation_report(scope_of(report_setup)).publishable()
        content = pdf.report_content(published)
    assert content.dimensions[0].name == "Origine"
    with translation.override("ar"):
        assert pdf.report_content(published).rtl
    assert not content.rtl


def test_pdf_renders_with_a_chart_per_dimension(report_setup, city):
    city.dimension("sex", {"female": 0.51, "male": 0.49})
    published = representation_report(scope_of(report_setup)).publishable()
    data = pdf.report_pdf(published, "Safer streets", language="ar")
    assert data.startswith(b"%PDF")
    assert len(pdf.report_content(published).dimensions) == 2


def test_staff_with_totp_download_the_pdf(client, staff, report_setup):
    client.force_login(staff)
    response = get_pdf(client, ADMIN_PDF, scope_of(report_setup))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
    )
    assert response.content.startswith(b"%PDF")
    record = ExportRecord.objects.get()
    assert (record.export_format, record.scope, record.user) == (
        "pdf",
        scope_of(report_setup),
        staff,
    )


def test_staff_without_totp_are_sent_to_set_it_up(client, report_setup):
    client.force_login(factories.city_staff())
    response = get_pdf(client, ADMIN_PDF, scope_of(report_setup))
    assert response.status_code == 302
    assert "/2fa/" in response["Location"]


def test_partner_with_an_export_grant_downloads_the_pdf(client, report_setup):
    scope = scope_of(report_setup)
    partner = factories.with_totp(
        factories.partner_member(grants=[(scope, PartnerGrant.Access.EXPORT)])
    )
    client.force_login(partner)
    response = get_pdf(client, PARTNER_PDF, scope)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    # The grant covers that consultation only, and partners stay out of the admin.
    assert get_pdf(client, PARTNER_PDF, "city").status_code == 403
    assert get_pdf(client, ADMIN_PDF, scope).status_code == 403


@pytest.mark.parametrize(
    "make",
    [
        factories.UserFactory,
        lambda: factories.with_totp(factories.moderator()),
        lambda: factories.with_totp(
            factories.partner_member(grants=[("city", PartnerGrant.Access.VIEW_REPORTS)])
        ),
    ],
    ids=["resident", "moderator", "partner-view-only"],
)
def test_others_cannot_download_the_pdf(client, report_setup, make):
    client.force_login(make())
    assert get_pdf(client, PARTNER_PDF, scope_of(report_setup)).status_code == 403
    assert get_pdf(client, ADMIN_PDF, scope_of(report_setup)).status_code in (302, 403)


def test_anonymous_visitors_are_sent_to_log_in(client, report_setup):
    response = get_pdf(client, PARTNER_PDF, scope_of(report_setup))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_bad_and_unknown_scopes(client, staff, report_setup):
    client.force_login(staff)
    assert get_pdf(client, ADMIN_PDF, "nowhere").status_code == 400
    assert get_pdf(client, ADMIN_PDF, "consultation:999999").status_code == 404
