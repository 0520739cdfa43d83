"""The moderation queue in the Wagtail admin puts the items first: on a 1280×900 screen
with a full page of waiting items, the first item is on screen without scrolling, the
filters' labels each keep to one line, the bulk decision is one compact toolbar, and
the keyboard reaches the toolbar and then the items."""

import pytest
from django.test import Client
from django.urls import reverse

from engage.moderation.models import QueueItem
from tests.factories import UserFactory, build_consultation, moderator, with_totp

pytestmark = pytest.mark.browser

FAILURE_SCREENSHOT = "/tmp/e2e-failure-moderation-queue-layout.png"  # noqa: S108

TEXTS = [
    "The play area by the river floods every spring; please move the swings uphill.",
    "Why does the council never listen to people who live on Mill Lane? This is a joke.",
    "More benches in the shade, please, and a water fountain near the football pitch.",
    "Buy cheap watches at example dot com, best prices in town, click now!!!",
]


@pytest.fixture
def full_queue(consultation_index, consultation, settings):
    """A page of waiting items (the queue's page size), in several languages: comments
    waiting for pre-moderation and reported comments from a post-moderated consultation,
    what a moderator meets on a busy morning."""
    from consultations.models import ModerationMode
    from consultations.services import post_comment
    from engage.moderation.services import report_content

    settings.ENGAGE_RATE_LIMITS_ENABLED = False
    published = build_consultation(
        consultation_index, title="Mill Lane", slug="mill-lane", moderation_mode=ModerationMode.POST
    )
    languages = ["en", "ar", "fr", "pl", "so", "ur"]
    for number in range(settings.MODERATION_QUEUE_PAGE_SIZE):
        text = f"{TEXTS[number % len(TEXTS)]} ({number})"
        language = languages[number % len(languages)]
        if number % 3:
            post_comment(UserFactory(), consultation, text, language=language)
        else:
            comment = post_comment(UserFactory(), published, text, language=language)
            report_content(UserFactory(), comment, "spam")
    waiting = QueueItem.objects.open().count()
    assert waiting >= settings.MODERATION_QUEUE_PAGE_SIZE
    return min(waiting, settings.MODERATION_QUEUE_PAGE_SIZE)


def moderator_tab(browser, server, width=1280, height=900):
    user = with_totp(moderator(preferred_language="en"))
    client = Client()
    client.force_login(user)
    context = browser.new_context(
        base_url=server.url, locale="en-GB", viewport={"width": width, "height": height}
    )
    context.set_default_timeout(10_000)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": server.url}]
    )
    return context, context.new_page()


LINES_OF = """(element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const tops = new Set();
    for (const rect of range.getClientRects()) {
        if (rect.width > 0) tops.add(Math.round(rect.top));
    }
    return tops.size;
}"""


def test_queue_items_come_first_at_1280_by_900(browser, asgi_live_server, full_queue):
    """One test (the queue takes a while to fill): the fold, the filters' labels, the
    toolbar's single line, the keyboard order and the toolbar staying on screen."""
    context, tab = moderator_tab(browser, asgi_live_server)
    try:
        check_queue_layout(tab, full_queue)
    except AssertionError:
        tab.screenshot(path=FAILURE_SCREENSHOT, full_page=True)
        raise
    finally:
        context.close()


def check_queue_layout(tab, expected_rows):
    response = tab.goto(reverse("engage_moderation:queue"))
    assert response.status == 200

    rows = tab.locator("table.moderation-queue tbody tr")
    assert rows.count() == expected_rows
    first = rows.first.bounding_box()
    assert first is not None
    assert 0 <= first["y"] and first["y"] + first["height"] <= 900, (
        f"the first item spans {first['y']:.0f}–{first['y'] + first['height']:.0f} px, "
        "below the fold of a 900 px screen"
    )

    labels = tab.locator("form.moderation-filters label")
    assert labels.count() == 6
    for index in range(labels.count()):
        label = labels.nth(index)
        text = label.inner_text()
        assert label.evaluate(LINES_OF) == 1, f"the filter label {text!r} wraps"
        target = label.get_attribute("for")
        assert tab.locator(f"#{target}").evaluate("el => el.tagName") == "SELECT", text

    toolbar = tab.get_by_role("group", name="Decide on the ticked items")
    controls = toolbar.locator("select, input:not([type=hidden]), button")
    assert controls.count() >= 3
    tops = {round(controls.nth(i).bounding_box()["y"]) for i in range(controls.count())}
    assert max(tops) - min(tops) < 8, f"the toolbar's controls sit on several lines: {tops}"
    for field in toolbar.locator("select, input:not([type=hidden])").all():
        assert tab.locator(f"label[for='{field.get_attribute('id')}']").count() == 1
    # Keyboard: from the decision, Tab goes through the toolbar, then to the first item.
    toolbar.locator("select").first.focus()
    for _ in range(controls.count() - 1):
        tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.type") == "submit"
    tab.keyboard.press("Tab")
    assert tab.locator("[data-queue-checkbox]").first.evaluate(
        "el => el === document.activeElement"
    )
    # The toolbar stays on screen while the moderator works down the list.
    tab.locator("[data-queue-checkbox]").last.scroll_into_view_if_needed()
    box = toolbar.bounding_box()
    assert box is not None and 0 <= box["y"] < 900
