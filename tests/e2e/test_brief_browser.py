"""Two co-authors type into the same brief at the same time, in two real browsers
(Chromium, Daphne, Redis, PostgreSQL); both end with the same text, holding both
people's words, and the server stored it (consultations/briefs, brief-editor.js)."""

import datetime
from pathlib import Path

import axe_playwright_python
import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")


def session_cookie(user, url):
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}


def coauthor(session, name):
    from consultations.codesign.models import Invitation, Rsvp

    user = UserFactory(display_name=name)
    Invitation.objects.create(
        session=session, user=user, role=Invitation.Role.COAUTHOR, status=Invitation.Status.ACCEPTED
    )
    Rsvp.objects.create(session=session, user=user, status=Rsvp.Status.CONFIRMED)
    return user


def open_editor(browser, server, user, path):
    context = browser.new_context(base_url=server.url, locale="en-GB")
    context.set_default_timeout(15_000)
    context.add_cookies([session_cookie(user, server.url)])
    tab = context.new_page()
    tab.csp_violations = []
    tab.on(
        "console",
        lambda message: (
            tab.csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    tab.goto(path)
    tab.wait_for_selector("#brief-editor[data-synced=true][data-editable=true]")
    return context, tab


def test_two_co_authors_typing_at_once_end_with_the_same_text(browser, asgi_live_server):
    from consultations.briefs import services, ydoc
    from consultations.codesign.models import CoDesignSession

    now = timezone.now()
    session = CoDesignSession.objects.create(
        title="Safer streets brief",
        purpose="Frame the consultation.",
        starts_at=now - datetime.timedelta(hours=2),
        ends_at=now - datetime.timedelta(hours=1),
    )
    amina, ben = coauthor(session, "Amina"), coauthor(session, "Ben")
    path = f"/en/co-design/sessions/{session.pk}/brief/"
    first_context, first = open_editor(browser, asgi_live_server, amina, path)
    second_context, second = open_editor(browser, asgi_live_server, ben, path)

    editor = first.get_by_role("textbox", name="Brief text, editable together")
    assert editor.get_attribute("aria-multiline") == "true"
    assert first.locator("#brief-status").get_attribute("aria-live") == "polite"
    assert "Connected" in first.locator("#brief-status").inner_text()
    first.wait_for_function(
        "() => [...document.querySelectorAll('#brief-presence li')].map(li => li.textContent)"
        ".join(',') === 'Amina,Ben'"
    )

    editor.click()
    second.get_by_role("textbox", name="Brief text, editable together").click()
    first_words = ["alpha", "bravo", "charlie", "delta"]
    second_words = ["one", "two", "three", "four"]
    # Interleave keystrokes without waiting for the other side: concurrent edits.
    for mine, theirs in zip(first_words, second_words, strict=True):
        first.keyboard.type(f"{mine} ", delay=5)
        second.keyboard.type(f"{theirs} ", delay=5)

    same = "window.briefEditor.text() === window.__other"
    for _attempt in range(50):
        other = second.evaluate("window.briefEditor.text()")
        first.evaluate("other => { window.__other = other }", other)
        if first.evaluate(same) and all(word in other for word in first_words + second_words):
            break
        first.wait_for_timeout(200)
    final = first.evaluate("window.briefEditor.text()")
    assert final == second.evaluate("window.briefEditor.text()")
    for word in first_words + second_words:
        assert word in final

    # The editor page passes axe with people and cursors on it.
    first.evaluate(AXE_SCRIPT.read_text() + "\n;true")  # under CSP: no <script> tag
    violations = first.evaluate("() => axe.run(document, {resultTypes: ['violations']})")[
        "violations"
    ]
    assert [v["id"] for v in violations if v["impact"] in {"serious", "critical"}] == []
    # Each other's cursors are drawn without inline styles (Content-Security-Policy).
    assert first.csp_violations + second.csp_violations == []

    brief = services.brief_for_session(session)
    doc, _last = services.load_document(brief.pk)
    stored = ydoc.plain_text(doc)
    for word in first_words + second_words:
        assert word in stored
    first_context.close()
    second_context.close()
