"""The hate incident report form in Chromium: no serious or critical axe violations in
English and Arabic (blank and with errors), and a report sent with JavaScript turned off
gives its reference and private link."""

import datetime
import re

import pytest
from django.utils import timezone

from engage.monitoring.incidents.models import IncidentReport
from tests.e2e.test_accessibility import BLOCKING_IMPACTS, axe_violations, describe
from tests.factories.communities import AreaFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def wards(home_page):
    city = AreaFactory(code="CITY", name="Test City")
    return [
        AreaFactory(code="W1", name="Ashdown", parent=city),
        AreaFactory(code="W2", name="Brook Vale", parent=city),
    ]


def assert_accessible(page, where):
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe found serious or critical problems on {where}:\n" + describe(
        blocking
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_form_is_accessible_blank_and_with_errors(page, wards, language):
    path = f"/{language}/report-an-incident/"
    response = page.goto(path)
    assert response.status == 200
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert_accessible(page, path)
    page.locator("main button[type=submit]").click()
    page.wait_for_selector("[data-error-summary]")
    assert page.locator("[aria-invalid=true]").count() >= 3
    assert_accessible(page, f"{path} with errors")


def test_report_without_javascript_gives_reference_and_link(browser, asgi_live_server, wards):
    context = browser.new_context(
        base_url=asgi_live_server.url, locale="en-GB", java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto("/en/report-an-incident/")
        page.get_by_label("What happened?").fill("Someone spat at me outside the library.")
        page.get_by_label("When did it happen?").fill(
            (timezone.localdate() - datetime.timedelta(days=3)).isoformat()
        )
        page.get_by_label("Which ward did it happen in?").select_option(label="Brook Vale")
        page.get_by_label("Race or ethnicity").check()
        page.get_by_label("I'm not sure").check()
        page.get_by_role("button", name="Send the report").click()
        page.wait_for_url(re.compile(r"/en/report-an-incident/thank-you/"))
        report = IncidentReport.objects.get()
        assert report.reference in page.locator("main").inner_text()
        assert report.area.code == "W2" and report.reporter is None
        page.locator("a.incident-report__link").click()
        page.wait_for_url(re.compile(r"/status/"))
        assert "Someone spat at me" in page.locator("main").inner_text()
    finally:
        context.close()
