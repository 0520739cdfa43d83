"""The browser harness itself: a page served by the ASGI live server opens a WebSocket
through Daphne and the real channel layer, and hears what the server broadcasts."""

import pytest

from tests.e2e.conftest import outside_browser_loop

pytestmark = pytest.mark.browser

OPEN_SOCKET = """async (path) => {
    window.received = [];
    const socket = new WebSocket(`ws://${location.host}${path}`);
    socket.addEventListener("message", (event) => window.received.push(JSON.parse(event.data)));
    await new Promise((resolve, reject) => {
        socket.addEventListener("open", resolve);
        socket.addEventListener("error", reject);
    });
    window.socket = socket;
}"""


def wait_for_event(page, event):
    page.wait_for_function(
        "(event) => window.received.some((message) => message.event === event)", arg=event
    )
    return next(m for m in page.evaluate("window.received") if m["event"] == event)


def test_browser_hears_broadcasts_over_the_asgi_live_server(page, consultation):
    from engage.realtime.broadcast import send_now

    page.goto(consultation.url)
    page.evaluate(OPEN_SOCKET, f"/ws/consultations/{consultation.pk}/")

    page.evaluate("window.socket.send(JSON.stringify({type: 'ping', id: 7}))")
    assert wait_for_event(page, "pong")["data"] == {"id": 7}

    with outside_browser_loop():
        sent = send_now(consultation.live_group_name(), "harness.check", {"n": 1})
    assert sent
    assert wait_for_event(page, "harness.check")["data"] == {"n": 1}


def test_server_shares_the_mail_outbox_with_the_test(page, home_page):
    from django.core import mail

    page.goto("/en/accounts/password/reset/")
    form = page.locator("main form", has=page.locator("[name=email]"))
    form.locator("[name=email]").fill("nobody-here@example.org")
    form.locator("button[type=submit], input[type=submit]").last.click()
    page.wait_for_url(lambda url: not url.endswith("/password/reset/"))

    # allauth writes to unknown addresses too, so no one can probe who has an account.
    assert [message.to for message in mail.outbox] == [["nobody-here@example.org"]]
