"""Myth-busting in a real browser: a resident raises a claim, a community leader answers
with a fact-check, a second reviewer publishes it and the resident sees the verdict
arrive live; then a moderator removes a post, it disappears from the resident's open
page and its author is emailed."""

import re
import time

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from playwright.sync_api import expect

from tests.e2e.conftest import outside_browser_loop

pytestmark = pytest.mark.browser

# Live updates cross Daphne, Redis and the browser; on a loaded CI machine that can take
# longer than Playwright's 10 s default.
LIVE_TIMEOUT = 30_000


def log_in(context, user, base_url):
    """Give a browser context the session of `user` (skips the log-in form)."""
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]
    )


def wait_for_mail(count, timeout=10):
    deadline = time.monotonic() + timeout
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return mail.outbox


def test_claim_fact_check_review_verdict_and_moderation(
    page, browser, asgi_live_server, home_page, settings
):
    from engage.moderation.services import moderate
    from forums.models import ForumIndexPage, Post
    from tests.factories import UserFactory, city_staff, leader, moderator, with_totp
    from tests.forums.conftest import build_forum

    settings.MODERATION_TRUSTED_AFTER = 0
    # A busy machine (CI runs suites side by side) can make Redis slower than the 2 s
    # default; a lost broadcast would fail this test for the wrong reason.
    settings.ENGAGE_BROADCAST_TIMEOUT = 15
    cache.clear()
    index = ForumIndexPage(title="Forums", slug="forums")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    forum = build_forum(index)
    resident = UserFactory(display_name="Rania")
    fact_checker = leader(display_name="Leila")
    reviewer = with_totp(city_staff(display_name="Sam"))
    mod = with_totp(moderator(display_name="Mo"))
    origin = asgi_live_server.url

    # 1. The resident raises a claim through the form.
    log_in(page.context, resident, origin)
    page.goto(f"/en/forums/{forum.pk}/new/?kind=claim")
    page.get_by_label("Title").fill("I heard the new flats are only for newcomers")
    page.get_by_label("Where did you hear it?").fill("At the bus stop")
    page.get_by_label("Tell us more").fill("A neighbour said so. Is it true?")
    page.get_by_label("I have read the posting guidelines and will follow them").check()
    page.get_by_role("button", name="Post").click()
    page.wait_for_url(re.compile(r"/en/forums/threads/\d+/"))
    assert "Not fact-checked yet" in page.locator("#verdict").inner_text()
    thread_url = page.url
    page.wait_for_selector("[data-live-connected]")

    # 2. A community leader answers with a fact-check.
    leader_context = browser.new_context(base_url=origin, locale="en-GB")
    log_in(leader_context, fact_checker, origin)
    leader_page = leader_context.new_page()
    leader_page.goto(thread_url)
    leader_page.get_by_role("link", name="Write a fact-check").click()
    leader_page.get_by_label("False", exact=True).check()
    leader_page.get_by_label("Explanation").fill(
        "Homes are allocated by housing need under the published allocation policy."
    )
    leader_page.get_by_label("Source 1: title").fill("Northbridge allocation policy")
    leader_page.get_by_label("Source 1: web address").fill("https://example.org/allocations")
    leader_page.get_by_role("button", name="Save for review").click()
    leader_page.wait_for_url(re.compile(r"/en/forums/threads/\d+/"))
    assert "second reviewer" in leader_page.locator(".messages").inner_text()
    leader_context.close()

    # 3. A second reviewer publishes it.
    reviewer_context = browser.new_context(base_url=origin, locale="en-GB")
    log_in(reviewer_context, reviewer, origin)
    reviewer_page = reviewer_context.new_page()
    reviewer_page.goto(thread_url)
    reviewer_page.get_by_role("button", name="Publish this fact-check").click()
    reviewer_page.wait_for_selector(".messages")
    reviewer_context.close()

    # 4. The resident's open page shows the verdict and the fact-check without a reload.
    verdict = page.locator("#verdict")
    expect(verdict).to_contain_text("False", timeout=LIVE_TIMEOUT)
    assert "Not fact-checked yet" not in verdict.inner_text()
    assert page.locator(".fact-check__sources a").get_attribute("href") == (
        "https://example.org/allocations"
    )
    expect(page.locator("[data-live-announcer]")).to_contain_text("Verdict: False")
    # And after a reload, from the server.
    page.reload()
    assert "False" in page.locator("#verdict").inner_text()

    # 5. The resident replies; a moderator removes the reply. It vanishes from the open
    # page and its author is told by email.
    page.wait_for_selector("[data-live-connected]")
    page.get_by_label("Your post").fill("Thanks, but you are all liars.")
    page.get_by_role("button", name="Post reply").click()
    page.wait_for_selector("[data-live-connected]")
    post = Post.objects.get(author=resident)
    assert page.locator(f"#post-{post.pk}").is_visible()
    mail.outbox.clear()
    with outside_browser_loop():
        moderate(mod, post, "remove", public_reason="Personal attacks are not allowed.")
    page.locator(f"#post-{post.pk}").wait_for(state="detached", timeout=LIVE_TIMEOUT)
    expect(page.locator("[data-live-announcer]")).to_have_text("A post was taken down.")
    messages = wait_for_mail(1)
    assert [message.to for message in messages] == [[resident.email]]
