"""Wide tables and drawings on a phone (#18 item 7), in Chromium on the demo city: at
390 px the consultation outcome, the opinion map, the monitoring dashboard and the
impact matrix do not scroll sideways in English, Arabic or Urdu; a table or drawing
wider than the screen scrolls inside its own region (`.scroll-region` in engage.css),
which the keyboard can reach and a screen reader names (WCAG 1.4.10 lets
two-dimensional tables scroll, 2.1.1 and 4.1.2 for the region). Full-page PNGs go
next to the screenshot tour's, as wide-<language>-390-<page>.png."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.e2e.conftest import outside_browser_loop
from tests.e2e.test_screenshot_tour import (
    EXEMPT,
    PAGE_FACTS,
    in_language,
    output_dir,
    session_cookie,
    tour_stops,
)

pytestmark = pytest.mark.browser

PAGES = ["outcome", "opinion-map", "monitoring", "impact-matrix"]
PHONE = {"width": 390, "height": 844}

# Every scroll region on the page: whether it can be focused, its accessible name
# (aria-label or the text of aria-labelledby), whether it holds a table or a drawing,
# and whether its content is wider than it (so it does scroll).
REGIONS = """() => [...document.querySelectorAll(".scroll-region")].map((region) => {
    const labelled = (region.getAttribute("aria-labelledby") || "").split(/\\s+/)
        .map((id) => document.getElementById(id)).filter(Boolean)
        .map((element) => element.textContent.trim()).join(" ");
    region.focus();
    return {
        focused: document.activeElement === region,
        tabindex: region.getAttribute("tabindex"),
        role: region.getAttribute("role"),
        name: (region.getAttribute("aria-label") || labelled).trim(),
        holds: region.querySelector("table, svg") !== null,
        scrolls: region.scrollWidth > region.clientWidth,
    };
})"""


@override_settings(ENGAGE_MFA_EXEMPT_EMAILS=EXEMPT)
def test_wide_tables_scroll_in_named_regions_not_the_page(browser, asgi_live_server):
    with outside_browser_loop():
        call_command("seed_demo", stdout=io.StringIO())
    stops = [stop for stop in tour_stops() if stop[0] in PAGES]
    assert [name for name, _who, _path in stops] == PAGES
    problems, scrolling = [], 0
    for language in ["en", "ar", "ur"]:
        for name, email, path in stops:
            context = browser.new_context(
                base_url=asgi_live_server.url, viewport=PHONE, locale=language
            )
            context.set_default_timeout(60_000)
            context.add_cookies([session_cookie(email, asgi_live_server.url)])
            tab = context.new_page()
            url = in_language(path, language)
            response = tab.goto(url)
            assert response.status == 200, f"{url} answered {response.status}"
            tab.screenshot(path=output_dir() / f"wide-{language}-390-{name}.png", full_page=True)
            facts = tab.evaluate(PAGE_FACTS)
            if facts["overflow"] > 0:
                problems.append(
                    f"{url}: scrolls sideways by {facts['overflow']} px "
                    f"(widest: {', '.join(facts['wide'])})"
                )
            regions = tab.evaluate(REGIONS)
            if not regions:
                problems.append(f"{url}: no scroll region")
            for number, region in enumerate(regions, start=1):
                where = f"{url}: scroll region {number}"
                if not (region["focused"] and region["tabindex"] == "0"):
                    problems.append(f"{where} cannot be reached by the keyboard")
                if region["role"] != "region" or not region["name"]:
                    problems.append(f"{where} has no role and name ({region})")
                if not region["holds"]:
                    problems.append(f"{where} holds no table or drawing")
                scrolling += region["scrolls"]
            context.close()
    assert not problems, "\n".join(problems)
    # The regions are not decoration: on a phone some of the demo's tables do scroll.
    assert scrolling > 0
