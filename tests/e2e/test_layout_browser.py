"""The public site's layout in Chromium (#18 item 7): axe finds nothing on the home
page, the consultation index, a consultation and the forums at 1280 and 390 px in a
left-to-right and a right-to-left language; on a phone the content starts near the
top; the menus work by keyboard and without JavaScript; nothing scrolls sideways at a
320 px viewport (1280 px at 400% zoom, the WCAG reflow case, stricter than 200%); the
timeline marks the current step for screen readers."""

import re
from pathlib import Path

import pytest
from wagtail.models import Page

from consultations.demo.images import library_image
from engage.demo.data import DemoContext
from tests.e2e.test_accessibility import axe_violations, describe
from tests.factories import ForumIndexPageFactory, ForumPageFactory, build_consultation

pytestmark = pytest.mark.browser

PICTURE = Path(__file__).resolve().parents[2] / "consultations/demo/pictures/riverside-park.png"
WIDE, PHONE, REFLOW = (1280, 900), (390, 844), (320, 640)
#: How far down a phone screen the main content may start (header included).
PHONE_CONTENT_TOP = 120


@pytest.fixture
def site(consultation_index, consultation):
    """A small city: an open consultation with a picture, an upcoming one and a closed
    one without, a forum index with one forum; both indexes in the main menu."""
    consultation.image = library_image(PICTURE, "Riverside Park, drawn", DemoContext())
    consultation.image_alt = "A park by a river, with trees and a swing"
    consultation.save_revision().publish()
    build_consultation(consultation_index, title="New library hours", opens_in_days=5)
    build_consultation(consultation_index, title="Bus lanes", opens_in_days=-60, closes_in_days=-10)
    home = consultation_index.get_parent().specific
    forums = ForumIndexPageFactory(parent=home, slug="forums")
    ForumPageFactory(parent=forums, slug="myths")
    Page.objects.filter(pk__in=[consultation_index.pk, forums.pk]).update(show_in_menus=True)
    return {
        "home": "/{language}/",
        "consultations": "/{language}/consultations/",
        "consultation": consultation.url.replace("/en/", "/{language}/", 1),
        "forums": "/{language}/forums/",
        "forum": "/{language}/forums/myths/",
    }


def visit(page, path):
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280", "390"])
def test_pages_have_no_accessibility_violations(page, site, language, viewport):
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    for path in site.values():
        path = path.format(language=language)
        visit(page, path)
        violations = axe_violations(page)
        assert not violations, f"axe found problems on {path}:\n" + describe(violations)
    # The menus opened are part of the page too.
    visit(page, site["consultations"].format(language=language))
    page.locator(".language-menu summary").click()
    if viewport == PHONE:
        page.locator(".site-menu summary").click()
    violations = axe_violations(page)
    assert not violations, "axe found problems with the menus open:\n" + describe(violations)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_content_starts_near_the_top_on_a_phone(page, site, language):
    page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    for path in site.values():
        visit(page, path.format(language=language))
        top = page.evaluate("document.querySelector('main').getBoundingClientRect().top")
        assert 0 < top <= PHONE_CONTENT_TOP, f"{path}: main starts {top}px down"
        # The navigation waits behind the menu button.
        assert not page.locator(".site-nav").is_visible()


def test_navigation_shows_in_the_bar_on_wide_screens_and_behind_a_button_on_phones(page, site):
    page.set_viewport_size({"width": WIDE[0], "height": WIDE[1]})
    visit(page, "/en/")
    main_nav = page.get_by_role("navigation", name="Main")
    assert main_nav.get_by_role("link", name="Consultations").is_visible()
    assert not page.locator(".site-menu summary").is_visible()

    page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    visit(page, "/en/")
    assert not main_nav.get_by_role("link", name="Consultations").is_visible()
    toggle = page.locator(".site-menu summary")
    toggle.focus()
    page.keyboard.press("Enter")
    link = main_nav.get_by_role("link", name="Consultations")
    assert link.is_visible()
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/consultations/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Consultations"


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280", "390"])
def test_language_menu_works_by_keyboard(page, site, viewport):
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    visit(page, "/en/consultations/")
    menu = page.get_by_role("navigation", name="Language")
    arabic = menu.locator("a[hreflang=ar]")
    assert not arabic.is_visible()
    # Tab from the top of the page to the language menu's button.
    for _step in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.language-menu') !== null"):
            break
    else:
        pytest.fail("the language menu cannot be reached with Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    # One control, named by what it is and the language it shows.
    label = " ".join(menu.locator("summary").inner_text().split())
    assert label == "Language: English"
    page.keyboard.press("Enter")
    assert arabic.is_visible()
    assert arabic.get_attribute("lang") == "ar"
    assert arabic.get_attribute("dir") == "rtl"
    assert menu.locator("a[aria-current=true]").get_attribute("hreflang") == "en"
    # Escape closes it and gives the focus back to its button (engage.js).
    page.keyboard.press("Escape")
    assert not arabic.is_visible()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Space")
    for _step in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == "ar":
            break
    else:
        pytest.fail("the Arabic link cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/ar/consultations/$"))
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.locator(".language-menu summary [lang=ar]").inner_text() == "العربيّة"


def test_language_menu_works_without_javascript(browser, asgi_live_server, site):
    context = browser.new_context(
        base_url=asgi_live_server.url,
        java_script_enabled=False,
        viewport={"width": PHONE[0], "height": PHONE[1]},
    )
    page = context.new_page()
    visit(page, "/en/")
    page.locator(".language-menu summary").click()
    page.locator(".language-menu a[hreflang=fr]").click()
    page.wait_for_url(re.compile(r"/fr/$"))
    assert not page.locator(".site-nav").is_visible()
    page.locator(".site-menu summary").click()
    assert page.locator(".site-nav").is_visible()
    context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_horizontal_scrolling_at_a_320_pixel_viewport(page, site, language):
    page.set_viewport_size({"width": REFLOW[0], "height": REFLOW[1]})
    for path in site.values():
        path = path.format(language=language)
        visit(page, path)
        for opened in (None, ".site-menu summary", ".language-menu summary"):
            if opened:
                page.locator(opened).click()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= REFLOW[0], f"{path} ({opened or 'menus closed'}) is {width}px wide"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_timeline_marks_the_current_step(page, site, language):
    visit(page, site["consultation"].format(language=language))
    timeline = page.locator(".consultation__timeline ol.timeline")
    steps = timeline.locator("li")
    assert steps.count() == 4
    current = timeline.locator("li[aria-current=step]")
    assert current.count() == 1
    # Open now: the second step; the first is done, the last two are to come.
    assert steps.nth(1).get_attribute("aria-current") == "step"
    assert "timeline__step--done" in steps.nth(0).get_attribute("class")
    assert current.locator("time").get_attribute("datetime")
    if language == "en":
        assert current.inner_text().startswith("Open for views")
    # Each card has its compact timeline, its current step marked alike.
    visit(page, site["consultations"].format(language=language))
    cards = page.locator(".consultation-card")
    assert cards.count() == 3
    for index in range(3):
        assert cards.nth(index).locator("[aria-current=step]").count() == 1


def test_motion_is_off_when_reduced_motion_is_asked_for(page, site):
    page.emulate_media(reduced_motion="reduce")
    visit(page, "/en/consultations/")
    duration = page.evaluate("getComputedStyle(document.querySelector('.card')).transitionDuration")
    assert set(duration.replace("s", "").split(", ")) == {"0"}
    page.emulate_media(reduced_motion="no-preference")
    duration = page.evaluate("getComputedStyle(document.querySelector('.card')).transitionDuration")
    assert duration != "0s"
