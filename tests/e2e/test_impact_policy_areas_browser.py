"""The policy-area pages in Chromium: the list and one area (weight, evidence, related
items, its matrix row and its assessments) with no serious or critical axe violations
in English and Arabic, and the area reached from the matrix by its link."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.e2e.test_accessibility import BLOCKING_IMPACTS, axe_violations, describe
from tests.factories import PASSWORD, build_consultation, city_staff, with_totp
from tests.impact.matrix_fixtures import assessment, city

pytestmark = pytest.mark.browser


@pytest.fixture
def signed_in_staff(page, asgi_live_server, consultation_index):
    areas, _dimension, groups = city()
    housing = areas["housing"]
    housing.risk_rationale = "Rents rose fastest where newcomers settled."
    housing.risk_evidence = "Housing survey | https://example.org/survey\nWard panel notes"
    housing.save()
    build_consultation(consultation_index, title="Rent caps", policy_area=housing)
    assessment(housing, {groups["young"]: -2, groups["older"]: None})
    staff = with_totp(city_staff())
    client = Client()
    assert client.login(email=staff.email, password=PASSWORD)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": asgi_live_server.url,
            }
        ]
    )
    return page


def _no_blocking(page):
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "axe found serious or critical problems:\n" + describe(blocking)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_policy_area_pages_have_no_serious_accessibility_violations(signed_in_staff, language):
    page = signed_in_staff
    with translation.override(language):
        listing = reverse("impact:policy_areas:index")
        detail = reverse("impact:policy_areas:detail", args=["housing"])
    assert page.goto(listing).status == 200
    assert page.locator("table.listing tbody tr").count() == 3
    _no_blocking(page)
    assert page.goto(detail).status == 200
    assert page.locator("h1").count() == 1
    assert page.get_by_role("link", name="Rent caps").count() == 1
    assert page.locator("#matrix-heading ~ div table tbody tr").count() == 2
    _no_blocking(page)
    if language == "ar":
        assert page.locator("html").get_attribute("dir") == "rtl"


def test_staff_reach_an_area_from_the_matrix(signed_in_staff):
    page = signed_in_staff
    with translation.override("en"):
        page.goto(reverse("impact:matrix:index"))
    page.get_by_role("link", name="About Housing").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Housing"
    assert "Rents rose fastest" in page.content()
