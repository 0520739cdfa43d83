"""The glossary in Chromium: the A–Z, a term page and the review page have no serious
or critical axe violations, left to right (English) and right to left (Arabic, Urdu);
an automatic link on a standard page opens its definition in a popover by keyboard and
Escape closes it, without any script of ours."""

import pytest
from django.test import Client
from django.utils import translation
from wagtail.rich_text import RichText

from engage.policy.glossary import terms_cache
from tests.e2e.test_accessibility import BLOCKING_IMPACTS, axe_violations, describe
from tests.factories import PASSWORD, with_totp
from tests.factories.policy import partner_member
from tests.glossary.conftest import make_term, wording

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "ar", "ur"]


@pytest.fixture
def glossary(asgi_live_server):
    terms_cache.bump()
    make_term(
        "community-cohesion",
        {
            "en": wording(
                "community cohesion", "People from different backgrounds feel they belong."
            ),
            "ar": wording("التماسك المجتمعي", "يشعر الناس من خلفيات مختلفة بالانتماء."),
            "ur": wording("سماجی ہم آہنگی", "مختلف پس منظر کے لوگ وابستگی محسوس کرتے ہیں۔"),
        },
        discouraged=[
            {
                "language": "en",
                "phrase": "hard-to-reach",
                "preferred": "seldom heard",
                "reason": "It blames residents.",
            }
        ],
        sources=[{"title": "LGA guide", "url": "https://www.local.gov.uk/"}],
    )
    make_term("community-tension", {"en": wording("community tension")}, status="under_review")
    yield
    terms_cache.bump()


def check_axe(page):
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "axe found serious or critical problems:\n" + describe(blocking)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_glossary_pages_have_no_serious_accessibility_violations(page, glossary, language):
    response = page.goto(f"/{language}/glossary/")
    assert response.status == 200
    assert page.locator("h1").count() == 1
    expected_dir = "rtl" if language in ("ar", "ur") else "ltr"
    assert page.locator("html").get_attribute("dir") == expected_dir
    check_axe(page)
    page.goto(f"/{language}/glossary/?q=belong")
    assert page.locator(".glossary-list a").count() == 1
    check_axe(page)
    response = page.goto(f"/{language}/glossary/community-cohesion/")
    assert response.status == 200
    check_axe(page)
    page.goto(f"/{language}/glossary/community-cohesion/revisions/")
    check_axe(page)


def test_the_review_page_has_no_serious_accessibility_violations(page, glossary, asgi_live_server):
    member = with_totp(partner_member())
    client = Client()
    assert client.login(email=member.email, password=PASSWORD)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": asgi_live_server.url,
            }
        ]
    )
    for language in ("en", "ar"):
        response = page.goto(f"/{language}/glossary/community-tension/review/")
        assert response.status == 200
        check_axe(page)
        if language == "en":
            # Objecting without a comment: the error summary and an invalid field, announced.
            page.locator("input[value=object]").check()
            page.get_by_role("button", name="Record the decision").click()
            assert page.locator(".error-summary").is_visible()
            assert page.locator("textarea[aria-invalid=true]").count() == 1
            check_axe(page)


@pytest.fixture
def standard_page(glossary, home_page):
    from home.models import StandardPage

    text = (
        "<p>Community cohesion is everyone's business. "
        'We measure community cohesion each year. <a href="/en/">community cohesion</a></p>'
    )
    page = StandardPage(
        title="Living together",
        slug="living-together",
        body=[("paragraph", RichText(text))],
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_linked_term_opens_its_definition_by_keyboard(page, standard_page, language):
    with translation.override(language):
        url = standard_page.get_url()
    response = page.goto(url)
    assert response.status == 200
    toggles = page.locator(".glossary-ref__toggle")
    if language == "ar":
        # The page's text is English: nothing in it is an Arabic term.
        assert toggles.count() == 0
        check_axe(page)
        return
    assert toggles.count() == 1  # the first use only; the existing link is left alone
    popover = page.locator(".glossary-ref__popover")
    assert not popover.evaluate("element => element.matches(':popover-open')")
    toggles.first.focus()
    page.keyboard.press("Enter")
    assert popover.evaluate("element => element.matches(':popover-open')")
    assert "People from different backgrounds feel they belong." in popover.inner_text()
    check_axe(page)
    page.keyboard.press("Escape")
    assert not popover.evaluate("element => element.matches(':popover-open')")
    page.locator(".glossary-ref__term").click()
    page.wait_for_url("**/glossary/community-cohesion/")
