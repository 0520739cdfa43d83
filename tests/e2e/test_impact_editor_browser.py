"""The impact assessment editor in Chromium: no serious or critical axe violations in
English and Arabic (blank and with an error), and the grid saves through its one form
with JavaScript turned off. The assessment is standalone (a policy decision without a
consultation), so its grid also has the directly-affected and wider-audience
checkboxes and the page the leaders form."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from engage.impact import services
from tests.e2e.test_accessibility import BLOCKING_IMPACTS, axe_violations, describe
from tests.factories import PASSWORD, CategoryFactory, DimensionFactory, city_staff, with_totp

pytestmark = pytest.mark.browser


@pytest.fixture
def assessment():
    dimension = DimensionFactory(slug="age_band", name="Age band")
    for order, name in enumerate(["Children", "Parents", "Older"]):
        CategoryFactory(dimension=dimension, name=name, slug=name.lower(), sort_order=order)
    return services.create_assessment(
        title="Close the library on Sundays", dimensions=[dimension], created_by=None
    )


def sign_in(context, base_url):
    staff = with_totp(city_staff())
    client = Client()
    assert client.login(email=staff.email, password=PASSWORD)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]
    )


def editor_path(assessment, language):
    with translation.override(language):
        return reverse("impact:assessment_edit", args=[assessment.pk])


def assert_accessible(page, where):
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe found serious or critical problems on {where}:\n" + describe(
        blocking
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_editor_is_accessible_blank_and_with_errors(page, asgi_live_server, assessment, language):
    sign_in(page.context, asgi_live_server.url)
    path = editor_path(assessment, language)
    response = page.goto(path)
    assert response.status == 200
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator("table.impact-grid tbody tr").count() == 3
    assert_accessible(page, path)
    page.locator("#id_rows-1-evidence").fill("not a web address")
    page.locator("form:has(table.impact-grid) button[type=submit]").click()
    page.wait_for_selector("[data-error-summary]")
    assert page.locator("[aria-invalid=true]").count() == 1
    assert_accessible(page, f"{path} with errors")


def test_grid_saves_without_javascript(browser, asgi_live_server, assessment):
    context = browser.new_context(
        base_url=asgi_live_server.url, locale="en-GB", java_script_enabled=False
    )
    try:
        sign_in(context, asgi_live_server.url)
        page = context.new_page()
        page.goto(editor_path(assessment, "en"))
        page.get_by_label("Expected impact on Children").select_option("2")
        page.get_by_label("Rationale for Children").fill("A new play area.")
        page.get_by_label("Expected impact on Older").select_option("-1")
        # A standalone assessment: staff mark who it concerns themselves.
        page.get_by_label("Children: directly affected").check()
        page.get_by_label("Older: wider audience").check()
        page.get_by_role("button", name="Save the grid").click()
        page.wait_for_url(re.compile(r"/impact/assessments/\d+/$"))
        assert "Winners and losers" in page.locator("main").inner_text()
        rows = {r.category.name: r for r in assessment.rows.select_related("category")}
        assert (rows["Children"].impact, rows["Children"].rationale) == (2, "A new play area.")
        assert rows["Older"].impact == -1 and rows["Parents"].impact is None
        assert rows["Children"].directly_affected and rows["Older"].wider_audience
        assert not rows["Parents"].directly_affected and not rows["Parents"].wider_audience
    finally:
        context.close()
