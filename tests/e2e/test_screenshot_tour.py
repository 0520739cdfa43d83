"""A screenshot tour of the demo city: every public page type and the main staff pages,
in English, Arabic and Urdu, at 1280 and 390 px wide, as the demo account that uses
each page. Full-page PNGs and an index.html that lists them go to
$ENGAGE_TEST_OUTPUT/screenshots (or /tmp/engage-screenshots), for people to look at;
the test itself checks what a machine can: each page answers 200, has one <h1> and a
<main>, and does not scroll sideways on a 390 px phone.

Run it alone with `pytest -m tour`.
"""

import html
import io
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import Error as PlaywrightError

from tests.e2e.conftest import outside_browser_loop

pytestmark = [pytest.mark.browser, pytest.mark.tour]

DEMO_PASSWORD = "engage-demo"  # the documented demo password
EXEMPT = ["moderator@example.org", "staff@example.org", "partner@example.org"]
LANGUAGES = ["en", "ar", "ur"]
WIDTHS = [1280, 390]
ANONYMOUS = None


def output_dir():
    base = os.environ.get("ENGAGE_TEST_OUTPUT")
    path = Path(base) / "screenshots" if base else Path("/tmp/engage-screenshots")  # noqa: S108
    path.mkdir(parents=True, exist_ok=True)
    return path


def in_language(path, language):
    """The same page in `language`: the admin has no prefix, the site has /<lang>/."""
    return re.sub(r"^/en/", f"/{language}/", path)


def tour_stops():
    """(name, account, path) for every page type, from the seeded demo city; paths are
    in English and switched to each language by `in_language`."""
    from consultations.codesign.models import CoDesignSession
    from consultations.models import ConsultationIndexPage, ConsultationPage
    from engage.opinions.models import OpinionMap
    from forums.models import ForumIndexPage, ForumPage, Thread
    from home.guides.models import DiscussionGuideIndexPage, DiscussionGuidePage

    consultation = ConsultationPage.objects.live().open().order_by("pk").first()
    outcome = ConsultationPage.objects.live().with_outcome().order_by("pk").first()
    claim = Thread.objects.filter(kind="claim").order_by("pk").first()
    topic = Thread.objects.exclude(kind="claim").order_by("pk").first()
    session = CoDesignSession.objects.order_by("pk").first()
    opinion_map = OpinionMap.objects.order_by("pk").first()
    resident, leader = "resident@example.org", "leader@example.org"
    staff, moderator, partner = "staff@example.org", "moderator@example.org", "partner@example.org"
    stops = [
        ("home", ANONYMOUS, "/en/"),
        ("consultations", resident, ConsultationIndexPage.objects.live().first().url),
        ("consultation", resident, consultation.url),
        ("outcome", resident, outcome.outcome_url()),
        ("forums", resident, ForumIndexPage.objects.live().first().url),
        ("forum", resident, ForumPage.objects.live().order_by("pk").first().url),
        ("claim", resident, f"/en/forums/threads/{claim.pk}/"),
        ("topic", resident, f"/en/forums/threads/{topic.pk}/"),
        ("myths", ANONYMOUS, "/en/forums/library/"),
        ("session", resident, f"/en/co-design/sessions/{session.pk}/"),
        ("brief", leader, f"/en/co-design/sessions/{session.pk}/brief/"),
        ("opinion-vote", resident, f"/en/opinions/{opinion_map.pk}/"),
        ("opinion-map", resident, f"/en/opinions/{opinion_map.pk}/map/"),
        ("glossary", ANONYMOUS, "/en/glossary/"),
        ("guides", leader, DiscussionGuideIndexPage.objects.live().first().url),
        ("guide", leader, DiscussionGuidePage.objects.live().order_by("pk").first().url),
        ("pulse", resident, "/en/pulse/"),
        ("incident-form", ANONYMOUS, "/en/report-an-incident/"),
        ("sign-in", ANONYMOUS, "/en/accounts/login/"),
        ("about-me", resident, "/en/accounts/about-me/"),
    ]
    try:
        stops.append(("search", ANONYMOUS, reverse("home_search:search") + "?q=park"))
    except NoReverseMatch:
        pass
    stops += [
        ("moderation-queue", moderator, reverse("engage_moderation:queue")),
        ("representation", staff, reverse("engage_representation:dashboard")),
        ("monitoring", staff, "/en/monitoring/dashboard/"),
        ("impact-matrix", staff, "/en/impact/matrix/"),
        ("agreements", partner, "/en/agreements/"),
    ]
    return stops


def set_admin_language(email, language):
    """The Wagtail admin speaks the account's chosen admin language, not the URL's."""
    from wagtail.users.models import UserProfile

    from engage.accounts.models import User

    profile = UserProfile.get_for_user(User.objects.get(email=email))
    profile.preferred_language = language
    profile.save(update_fields=["preferred_language"])


def serve_media(context, server_url):
    """Uploaded images (the consultations' pictures) from MEDIA_ROOT: the live server
    serves static files but, without DEBUG, no media, which nginx serves in production."""
    from django.conf import settings

    def fulfil(route):
        relative = unquote(urlparse(route.request.url).path)[len(settings.MEDIA_URL) :]
        path = Path(settings.MEDIA_ROOT) / relative
        if path.is_file() and Path(settings.MEDIA_ROOT).resolve() in path.resolve().parents:
            route.fulfill(path=path)
        else:
            route.continue_()

    context.route(f"{server_url}{settings.MEDIA_URL}**", fulfil)


def session_cookie(email, url):
    client = Client()
    assert client.login(email=email, password=DEMO_PASSWORD), email
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}


# Sideways overflow either way: past the right edge (the page scrolls) or, in
# right-to-left pages, past the left edge (which scrollWidth does not count). Elements
# inside a scrolling or clipping container, or fixed ones, do not move the page.
PAGE_FACTS = """() => {
    const width = document.documentElement.clientWidth;
    const contained = (element) => {
        for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
            if (getComputedStyle(up).overflowX !== "visible") return true;
        }
        return false;
    };
    const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (typeof el.className === "string" && el.className.trim()
           ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    let overflow = document.documentElement.scrollWidth - width;
    const wide = [];
    for (const element of document.querySelectorAll("body *")) {
        const box = element.getBoundingClientRect();
        // Off-screen on purpose (skip links, screen-reader text moved away), or fixed.
        if (box.width <= 1 || box.right <= 0 || box.left >= width) continue;
        if (getComputedStyle(element).position === "fixed") continue;
        const beyond = Math.max(box.right - width, -box.left);
        if (beyond > 1 && !contained(element)) {
            overflow = Math.max(overflow, Math.round(beyond));
            if (wide.length < 3) wide.push(name(element));
        }
    }
    return {
        h1: document.querySelectorAll("h1").length,
        main: document.querySelectorAll("main").length,
        overflow: overflow,
        wide: wide,
    };
}"""


def write_index(directory, shots):
    rows = "\n".join(
        f'<li><a href="{html.escape(name)}">{html.escape(name)}</a> — '
        f"{html.escape(path)} ({html.escape(who or 'anonymous')})</li>"
        for name, path, who in shots
    )
    (directory / "index.html").write_text(
        '<!doctype html>\n<html lang="en"><meta charset="utf-8">'
        "<title>Engage screenshot tour</title>\n<h1>Engage screenshot tour</h1>\n"
        f"<ul>\n{rows}\n</ul>\n",
        encoding="utf-8",
    )


@override_settings(ENGAGE_MFA_EXEMPT_EMAILS=EXEMPT)
def test_screenshot_tour_of_every_page_type(browser, asgi_live_server):
    with outside_browser_loop():
        call_command("seed_demo", stdout=io.StringIO())
    stops = tour_stops()
    accounts = {who for _name, who, _path in stops}
    directory = output_dir()
    for old in directory.glob("*.png"):
        old.unlink()
    problems, shots = [], []
    for language in LANGUAGES:
        for email in accounts & {"moderator@example.org", "staff@example.org"}:
            set_admin_language(email, language)
        for width in WIDTHS:
            for email in accounts:
                context = browser.new_context(
                    base_url=asgi_live_server.url,
                    viewport={"width": width, "height": 900},
                    locale=language,
                )
                context.set_default_timeout(60_000)
                serve_media(context, asgi_live_server.url)
                if email:
                    context.add_cookies([session_cookie(email, asgi_live_server.url)])
                tab = context.new_page()
                for name, who, path in stops:
                    if who != email:
                        continue
                    url = in_language(path, language)
                    where = f"{language} {width}px {name} ({url}, {who or 'anonymous'})"
                    try:
                        response = tab.goto(url, wait_until="load")
                    except PlaywrightError as error:
                        problems.append(f"{where}: {str(error).splitlines()[0]}")
                        continue
                    status = response.status if response else None
                    if status != 200:
                        problems.append(f"{where}: answered {status}")
                    facts = tab.evaluate(PAGE_FACTS)
                    if facts["h1"] != 1:
                        problems.append(f"{where}: {facts['h1']} <h1> elements")
                    if facts["main"] != 1:
                        problems.append(f"{where}: {facts['main']} <main> elements")
                    if width < 600 and facts["overflow"] > 0:
                        problems.append(
                            f"{where}: scrolls sideways by {facts['overflow']} px "
                            f"(widest: {', '.join(facts['wide'])})"
                        )
                    shot = f"{language}-{width}-{name}.png"
                    tab.screenshot(path=directory / shot, full_page=True)
                    shots.append((shot, url, who))
                context.close()
    shots.sort()
    write_index(directory, shots)
    assert not problems, f"{len(problems)} problems (screenshots in {directory}):\n" + "\n".join(
        problems
    )
