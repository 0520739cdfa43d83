"""The pulse survey answer form in Chromium: no serious or critical axe violations in
English and Arabic (blank and with errors), and answers sent with a one-time link and
JavaScript turned off are saved once."""

import datetime

import pytest
from django.utils import timezone

from engage.monitoring.pulse.models import Response, Wave, WaveQuestion
from engage.monitoring.pulse.services import issue_links
from tests.e2e.test_accessibility import BLOCKING_IMPACTS, axe_violations, describe
from tests.factories.accounts import city_staff
from tests.factories.communities import AreaFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def link_path(home_page):
    city = AreaFactory(code="CITY", name="Test City")
    AreaFactory(code="W1", name="Ashdown", parent=city)
    AreaFactory(code="W2", name="Brook Vale", parent=city)
    today = timezone.localdate()
    wave = Wave.objects.create(
        title="Spring pulse",
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=7),
        indicators=["get_on_well", "feel_safe"],
    )
    WaveQuestion.objects.create(
        wave=wave, code="parks", text="The parks are well kept.", scale="agreement"
    )
    _batch, tokens = issue_links(wave, 2, "A co-design session", city_staff())
    return lambda language, number=0: f"/{language}/pulse/link/{tokens[number]}/"


def assert_accessible(page, where):
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe found serious or critical problems on {where}:\n" + describe(
        blocking
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_answer_form_is_accessible_blank_and_with_errors(page, link_path, language):
    path = link_path(language)
    response = page.goto(path)
    assert response.status == 200
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert_accessible(page, path)
    page.locator("main button[type=submit]").click()
    page.wait_for_selector("[data-error-summary]")
    assert_accessible(page, f"{path} with errors")
    assert not Response.objects.exists()


def test_answers_with_a_one_time_link_and_no_javascript_are_saved_once(
    browser, asgi_live_server, link_path
):
    context = browser.new_context(
        base_url=asgi_live_server.url, locale="en-GB", java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto(link_path("en", 1))
        page.get_by_role("group", name="people from different backgrounds").get_by_label(
            "Tend to agree"
        ).check()
        page.get_by_label("Which area do you live in?").select_option(label="Brook Vale")
        page.locator("main button[type=submit]").click()
        assert page.get_by_role("heading", name="Thank you").is_visible()
        response = Response.objects.get()
        assert response.area.code == "W2" and response.answers.get().value == "tend_to_agree"
        again = page.goto(link_path("en", 1))
        assert again.status == 410
    finally:
        context.close()
