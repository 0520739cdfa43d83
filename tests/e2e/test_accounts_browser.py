"""A resident signs up, verifies their email, logs in and reads the site in Arabic,
in a real browser against the ASGI server."""

import re
import time
import uuid

import pytest
from django.core import mail

pytestmark = pytest.mark.browser

# allauth's rate limits live in the cache (Redis), which outlives a test run: a fresh
# address each run keeps "one confirmation email per address every 3 minutes" out of the way.
EMAIL = f"amira-{uuid.uuid4().hex[:8]}@example.org"
DISPLAY_NAME = "Amira H"
PASSWORD = "a-long-walk-by-the-canal-7"
ARABIC = re.compile(r"[\u0600-\u06ff]")
SCREENSHOT = "/tmp/e2e-rtl.png"  # noqa: S108 - for the lead to look at


def submit(form):
    form.locator("button[type=submit], input[type=submit]").last.click()


def form_with(page, field_name):
    return page.locator("main form", has=page.locator(f"[name={field_name}]"))


def verification_link(timeout=10):
    """The confirmation link from the one email sent so far (the server shares the outbox)."""
    deadline = time.monotonic() + timeout
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(mail.outbox) == 1, [message.subject for message in mail.outbox]
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    bodies = [message.body] + [content for content, _type in getattr(message, "alternatives", [])]
    for body in bodies:
        found = re.search(r"https?://[^\s\"'<>]+/accounts/confirm-email/[^\s\"'<>]+", body)
        if found:
            return found.group(0)
    pytest.fail(f"No confirmation link in the email:\n{message.body}")


def test_resident_signs_up_verifies_logs_in_and_reads_in_arabic(
    page, home_page, asgi_live_server, settings
):
    # Emailed links start with BASE_URL (engage.links): here, the live server's address.
    settings.BASE_URL = asgi_live_server.url
    page.goto("/en/accounts/signup/")
    signup = form_with(page, "password2")
    signup.locator("[name=email]").fill(EMAIL)
    signup.locator("[name=display_name]").fill(DISPLAY_NAME)
    signup.locator("[name=password1]").fill(PASSWORD)
    signup.locator("[name=password2]").fill(PASSWORD)
    submit(signup)
    page.wait_for_url(re.compile(r"/en/accounts/confirm-email/"))

    page.goto(verification_link())
    confirm = page.locator("main form[method=post]", has=page.locator("[type=submit]"))
    submit(confirm)
    page.wait_for_url(lambda url: "/confirm-email/" not in url)

    # Log in from a clean browser, whatever allauth did after confirming.
    page.context.clear_cookies()
    page.goto("/en/accounts/login/")
    login = form_with(page, "password")
    login.locator("[name=login]").fill(EMAIL)
    login.locator("[name=password]").fill(PASSWORD)
    submit(login)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto("/en/")
    account_nav = page.get_by_role("navigation", name="Your account")
    assert DISPLAY_NAME in account_nav.inner_text()

    switcher = page.get_by_role("navigation", name="Language")
    switcher.locator("summary").click()  # the language menu opens first
    switcher.locator("a[hreflang=ar]").click()
    page.wait_for_url(re.compile(r"/ar/"))

    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    page.screenshot(path=SCREENSHOT, full_page=True)
    # Arabic beyond the language switcher's own "العربيّة": the interface is translated.
    text_outside_switcher = page.evaluate(
        """() => {
            const body = document.body.cloneNode(true);
            body.querySelectorAll('.language-switcher, [lang]:not([lang|=ar])')
                .forEach((element) => element.remove());
            return body.textContent;
        }"""
    )
    assert ARABIC.search(text_outside_switcher), "No Arabic text outside the language switcher"
