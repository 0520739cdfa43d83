"""Voting on an opinion map in Chromium, with and without JavaScript.

With JavaScript the vote is saved in place: no reload, the next statement's text takes
the focus and the polite status region says the vote was saved. Without it, each
button posts a form and the page comes back with the next statement. Neither page has
a serious or critical axe violation, in English or in Arabic (right to left).
"""

import re

import pytest
from django.test import Client
from django.utils import timezone

from engage.opinions.models import Vote
from tests.e2e.test_accessibility import BLOCKING_IMPACTS, axe_violations, describe
from tests.factories import PASSWORD, UserFactory
from tests.factories.opinions import OpinionMapFactory, StatementFactory

pytestmark = pytest.mark.browser


def session_cookie(user, url):
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}


def assert_accessible(page, where):
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe found serious or critical problems on {where}:\n" + describe(
        blocking
    )


@pytest.fixture
def opinion_map(home_page):
    opinion_map = OpinionMapFactory(title="Riverside park", question="What should change?")
    written = timezone.now()
    for text in ("More benches by the pond.", "Fewer cars on the river road.", "A cafe."):
        StatementFactory(map=opinion_map, text=text, created=written)
    return opinion_map


def signed_in_page(browser, server, *, javascript=True):
    context = browser.new_context(
        base_url=server.url, locale="en-GB", java_script_enabled=javascript
    )
    context.set_default_timeout(10_000)
    context.add_cookies([session_cookie(UserFactory(), server.url)])
    return context, context.new_page()


def test_voting_with_javascript_happens_in_place(browser, asgi_live_server, opinion_map):
    context, page = signed_in_page(browser, asgi_live_server)
    try:
        page.goto(f"/en/opinions/{opinion_map.pk}/")
        assert_accessible(page, "the voting page")
        page.evaluate("window.notReloaded = true")
        text = page.locator("#statement-text")
        assert text.inner_text() == "More benches by the pond."
        page.get_by_role("button", name="Agree", exact=True).focus()
        page.keyboard.press("Enter")  # the keyboard alone votes
        page.wait_for_function(
            "() => document.querySelector('#statement-text')"
            " && document.querySelector('#statement-text').textContent.trim()"
            " === 'Fewer cars on the river road.'"
        )
        assert page.evaluate("window.notReloaded") is True
        assert page.evaluate("document.activeElement.id") == "statement-text"
        page.wait_for_function(
            "() => document.querySelector('[data-vote-status]').textContent"
            " === 'Your vote has been saved. Next statement.'"
        )
        assert "You have voted on 1 of 3 statements." in page.locator("main").inner_text()
        assert_accessible(page, "the voting page after a vote in place")
        page.get_by_role("button", name="Disagree").click()
        page.wait_for_function(
            "() => document.querySelector('#statement-text').textContent.trim() === 'A cafe.'"
        )
        page.get_by_role("button", name="Pass / unsure").click()
        page.get_by_role("heading", name="You have voted on every statement").wait_for()
        assert page.evaluate("window.notReloaded") is True
        assert sorted(Vote.objects.values_list("value", flat=True)) == [-1, 0, 1]
    finally:
        context.close()


def test_voting_without_javascript_goes_from_page_to_page(browser, asgi_live_server, opinion_map):
    context, page = signed_in_page(browser, asgi_live_server, javascript=False)
    try:
        page.goto(f"/en/opinions/{opinion_map.pk}/")
        page.get_by_role("button", name="Disagree").click()
        page.wait_for_url(re.compile(rf"/en/opinions/{opinion_map.pk}/"))
        page.get_by_text("Your vote has been saved.").wait_for()
        assert page.locator("#statement-text").inner_text() == "Fewer cars on the river road."
        assert Vote.objects.get().value == -1
        # Adding a statement is a plain form too.
        page.get_by_label("Your statement").fill("Light the riverside path at night.")
        page.get_by_role("button", name="Send statement").click()
        page.get_by_text("A moderator will read your statement").wait_for()
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_voting_page_is_accessible_with_errors_in_every_direction(
    browser, asgi_live_server, opinion_map, language
):
    context, page = signed_in_page(browser, asgi_live_server)
    try:
        path = f"/{language}/opinions/{opinion_map.pk}/"
        page.goto(path)
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        page.locator("#add-statement button[type=submit]").click()  # nothing written
        page.wait_for_selector("[data-error-summary]")
        assert page.locator("#id_text[aria-invalid=true]").count() == 1
        assert_accessible(page, f"{path} with an error")
    finally:
        context.close()
