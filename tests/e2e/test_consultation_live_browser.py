"""Two people on the same consultation page in real browsers: one posts a comment with
the no-JavaScript form, the other sees it appear without a reload, announced in the
polite live region (consultations/static/consultations/live.js over Daphne and Redis)."""

from pathlib import Path

import axe_playwright_python
import pytest
from django.test import Client

from tests.factories import PASSWORD, UserFactory, build_consultation

pytestmark = pytest.mark.browser

AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")


def session_cookie(user, url):
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}


def test_new_comment_appears_live_on_another_open_page(
    browser, page, asgi_live_server, consultation_index, settings
):
    from consultations.models import Comment, ModerationMode, Proposal

    settings.MODERATION_TRUSTED_AFTER = 0
    consultation = build_consultation(
        consultation_index,
        title="Park benches",
        slug="park-benches",
        moderation_mode=ModerationMode.POST,
    )
    Proposal.objects.create(page=consultation, title="Benches by the pond")
    poster = UserFactory(display_name="Amina")

    # The reader: an anonymous visitor with the page open.
    page.goto(consultation.url)
    page.wait_for_selector("article[data-live-connected=true]")
    page.evaluate("window.notReloaded = true")

    # The poster, in another browser context, uses the plain form (no JavaScript needed).
    poster_context = browser.new_context(base_url=asgi_live_server.url, locale="en-GB")
    poster_context.set_default_timeout(10_000)
    poster_context.add_cookies([session_cookie(poster, asgi_live_server.url)])
    poster_context.route("**/consultations/live.js", lambda route: route.abort())
    poster_page = poster_context.new_page()
    poster_page.goto(consultation.url)
    form = poster_page.locator("form.comment-form")
    form.get_by_label("Your comment").fill("Two more benches near the pond, please.")
    form.locator("button[type=submit]").click()
    poster_page.wait_for_url(lambda url: "#comment-" in url)
    comment = Comment.objects.get()
    poster_context.close()
    poster.refresh_from_db()

    # The reader sees it at the top of the right thread, without a reload.
    thread = page.locator(f"#proposal-{comment.proposal_id}")
    new = thread.locator("ol.comment-list > li").first.locator(f"#comment-{comment.pk}")
    new.wait_for()
    assert "Two more benches near the pond, please." in new.inner_text()
    assert new.locator(".comment__author").inner_text() == "Amina"
    assert page.evaluate("window.notReloaded") is True
    assert thread.locator("text=No comments yet.").count() == 0
    announcer = page.locator("[data-live-announcer]")
    assert announcer.get_attribute("aria-live") == "polite"
    page.wait_for_function(
        "() => document.querySelector('[data-live-announcer]').textContent"
        " === 'New comment by Amina'"
    )

    # Reaction counts and withdrawals follow, still without a reload.
    from consultations.engagement.services import react
    from consultations.services import withdraw_comment
    from tests.e2e.conftest import outside_browser_loop

    proposal = comment.proposal
    with outside_browser_loop():
        react(UserFactory(), proposal, "support")
    page.wait_for_function(
        """(target) => [...document.querySelectorAll('[data-reaction-count]')].some(
            (element) => element.dataset.reactionTarget === target
                && element.dataset.reactionValue === 'support'
                && element.textContent.trim() === '1')""",
        arg=f"proposal:{proposal.pk}",
    )
    with outside_browser_loop():
        withdraw_comment(poster, comment)
    page.locator(f"#comment-{comment.pk} .comment__withdrawn").wait_for()
    assert "Two more benches" not in page.locator(f"#comment-{comment.pk}").inner_text()
    assert page.evaluate("window.notReloaded") is True

    # The inserted markup keeps the page accessible.
    page.evaluate(AXE_SCRIPT.read_text() + "\n;true")  # under CSP: no <script> tag
    violations = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")[
        "violations"
    ]
    blocking = [v["id"] for v in violations if v["impact"] in {"serious", "critical"}]
    assert blocking == []
