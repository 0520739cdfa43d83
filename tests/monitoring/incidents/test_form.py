"""The public form: works without JavaScript, without an account, in Arabic; the
reference and private link; deletion by the reporter."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from engage.monitoring.incidents.models import IncidentReport

from .conftest import SECRET_TEXT

pytestmark = pytest.mark.django_db


def form_url(language="en"):
    with translation.override(language):
        return reverse("monitoring_incidents:report")


def valid_data(ward, **overrides):
    return {
        "description": SECRET_TEXT,
        "occurred_on": (timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
        "area": str(ward.pk),
        "characteristic": "religion",
        "reported_to_police": "not_sure",
        "wants_contact": "on",
        "contact": "someone@example.org",
        "consent_to_share": "on",
        **overrides,
    }


def test_form_page_is_plain_html_with_wards_and_named_partners(client, wards, city, victim_support):
    response = client.get(form_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert re.search(r'<form method="post" action="/en/report-an-incident/"', html)
    assert 'type="submit"' in html
    # wards only (children of the city), never the city itself; no address field
    assert "Ashdown" in html and "Brook Vale" in html
    assert f'value="{city.pk}"' not in html
    assert "address" not in re.findall(r'name="([a-z_]+)"', html)
    assert victim_support.name in html
    # a person without an account is not offered "do not link to my account"
    assert 'name="anonymous"' not in html


def test_anonymous_report_without_javascript_gives_reference_and_private_link(client, wards):
    response = client.post(form_url(), valid_data(wards[1]))
    assert response.status_code == 302
    assert response["Location"] == reverse("monitoring_incidents:submitted")
    page = client.get(response["Location"]).content.decode()
    report = IncidentReport.objects.get()
    assert report.reporter is None
    assert report.area == wards[1]
    assert report.description == SECRET_TEXT
    assert report.contact == "someone@example.org"
    assert report.reference in page
    link = re.search(r'href="(http://testserver/en/report-an-incident/status/[^"]+)"', page)[1]
    # shown once: the thank-you page does not show the link again
    assert client.get(reverse("monitoring_incidents:submitted")).status_code == 302

    status_page = client.get(link)
    assert status_page.status_code == 200
    assert SECRET_TEXT in status_page.content.decode()
    wrong = link.rstrip("/").rsplit("/", 1)[0] + "/not-the-secret/"
    assert client.get(wrong).status_code == 404

    assert client.post(link + "delete/").status_code == 302
    assert not IncidentReport.objects.exists()


def test_arabic_form_is_right_to_left_and_reports_errors_in_arabic(client, wards):
    url = form_url("ar")
    assert url == "/ar/report-an-incident/"
    page = client.get(url).content.decode()
    assert 'lang="ar"' in page and 'dir="rtl"' in page
    response = client.post(url, {"description": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in html
    assert 'aria-invalid="true"' in html
    assert not IncidentReport.objects.exists()

    response = client.post(url, valid_data(wards[0], description="تعرض جاري لإساءة لفظية"))
    assert response.status_code == 302
    assert IncidentReport.objects.get().language == "ar"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"occurred_on": "2999-01-01"}, "occurred_on"),
        ({"occurred_on": "yesterday"}, "occurred_on"),
        ({"contact": ""}, "contact"),
        ({"characteristic": "football"}, "characteristic"),
        ({"area": "999999"}, "area"),
        ({"description": "x" * 5001}, "description"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_saved(client, wards, overrides, field):
    response = client.post(form_url(), valid_data(wards[0], **overrides))
    assert response.status_code == 200
    assert response.context["form"].errors.get(field)
    assert not IncidentReport.objects.exists()


def test_the_ward_is_optional(client, wards):
    assert client.post(form_url(), valid_data(wards[0], area="")).status_code == 302
    assert IncidentReport.objects.get().area is None


def test_signed_in_reporter_sees_and_deletes_own_report(client, wards, resident):
    client.force_login(resident)
    assert 'name="anonymous"' in client.get(form_url()).content.decode()
    client.post(form_url(), valid_data(wards[0]))
    report = IncidentReport.objects.get()
    assert report.reporter == resident
    mine = client.get(reverse("monitoring_incidents:mine")).content.decode()
    assert report.reference in mine and SECRET_TEXT in mine
    client.post(reverse("monitoring_incidents:delete_mine", args=[report.reference]))
    assert not IncidentReport.objects.exists()


def test_signed_in_reporter_may_report_anonymously(client, wards, resident):
    client.force_login(resident)
    client.post(form_url(), valid_data(wards[0], anonymous="on"))
    assert IncidentReport.objects.get().reporter is None
    assert "HIR-" not in client.get(reverse("monitoring_incidents:mine")).content.decode()


def test_contact_details_are_not_kept_without_wanting_contact(client, wards):
    data = valid_data(wards[0], contact="someone@example.org")
    del data["wants_contact"]
    client.post(form_url(), data)
    assert IncidentReport.objects.get().contact_encrypted == ""


def test_a_flood_of_reports_is_rate_limited(client, wards, settings):
    from django.core.cache import cache

    cache.clear()
    settings.ENGAGE_RATE_LIMITS_ENABLED = True
    settings.ENGAGE_RATE_LIMITS = {"report": {"address": [(2, 60)]}}
    for _ in range(2):
        assert client.post(form_url(), valid_data(wards[0])).status_code == 302
    assert client.post(form_url(), valid_data(wards[0])).status_code == 429
    assert IncidentReport.objects.count() == 2
