"""Reacting in a real browser: the button is pressed in place (no reload, status read
out politely), and another open page sees the count change live over the WebSocket."""

from pathlib import Path

import axe_playwright_python
import pytest
from django.test import Client

from consultations.engagement.models import Reaction
from consultations.models import ModerationMode, Proposal
from tests.factories import PASSWORD, UserFactory, build_consultation

pytestmark = pytest.mark.browser

AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")


def session_cookie(user, url):
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}


def test_reaction_is_saved_in_place_and_counted_live_elsewhere(
    browser, page, asgi_live_server, consultation_index
):
    consultation = build_consultation(
        consultation_index, title="Benches", slug="benches", moderation_mode=ModerationMode.POST
    )
    proposal = Proposal.objects.create(page=consultation, title="Benches by the pond")
    count = f'[data-reaction-target="proposal:{proposal.pk}"][data-reaction-value="support"]'

    # The reader: anonymous, sees counts only, following the page live.
    page.goto(consultation.url)
    page.wait_for_selector("article[data-live-connected=true]")
    assert page.locator(count).inner_text() == "0"

    # The reactor, signed in, presses "Support".
    context = browser.new_context(base_url=asgi_live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    context.add_cookies([session_cookie(UserFactory(), asgi_live_server.url)])
    mine = context.new_page()
    mine.goto(consultation.url)
    mine.evaluate("window.notReloaded = true")
    widget = mine.locator(f"#reactions-proposal-{proposal.pk}")
    widget.get_by_role("button", name="Support").click()
    widget.locator('button[data-value="support"][aria-pressed="true"]').wait_for()
    mine.wait_for_function(
        "() => document.querySelector('[data-reactions-status]').textContent"
        " === 'Your reaction has been saved.'"
    )
    assert mine.evaluate("window.notReloaded") is True
    assert widget.locator(count).inner_text() == "1"
    assert Reaction.objects.get().value == "support"
    # Focus stays on the button that was pressed.
    assert mine.evaluate("document.activeElement.getAttribute('data-value')") == "support"

    mine.evaluate(AXE_SCRIPT.read_text() + "\n;true")  # under CSP: no <script> tag
    violations = mine.evaluate("() => axe.run(document, {resultTypes: ['violations']})")[
        "violations"
    ]
    assert [v["id"] for v in violations if v["impact"] in {"serious", "critical"}] == []
    context.close()

    # The reader's count changed without a reload.
    page.wait_for_function(f"() => document.querySelector('{count}').textContent === '1'")
