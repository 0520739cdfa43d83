"""A resident joins the waiting list of a full session in a real browser, keyboard only."""

import re

import pytest
from playwright.sync_api import expect

from consultations.codesign.models import Rsvp
from tests.e2e.conftest import (  # noqa: F401 - fixtures used by name
    _asgi_live_server_session,
    asgi_live_server,
    browser,
    page,
)
from tests.factories import PASSWORD, RsvpFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


def test_resident_joins_the_waiting_list_with_the_keyboard(page, make_session):  # noqa: F811
    session = make_session(capacity=1)
    RsvpFactory(session=session)
    resident = UserFactory()

    page.goto(f"/en/accounts/login/?next={session.get_absolute_url()}")
    login = page.locator("main form", has=page.locator("[name=password]"))
    login.locator("[name=login]").fill(resident.email)
    login.locator("[name=password]").fill(PASSWORD)
    login.locator("[name=password]").press("Enter")
    page.wait_for_url(re.compile(rf"/co-design/sessions/{session.pk}/$"))

    needs = page.get_by_label("Access needs")
    needs.focus()
    page.keyboard.type("A hearing loop, please.")
    page.get_by_label("I would like an interpreter for").select_option("ar")
    page.get_by_role("button", name="Join the waiting list").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.locator(".messages[role=status]")).to_contain_text("you are on the waiting list")
    row = Rsvp.objects.get(session=session, user=resident)
    assert (row.status, row.access_needs, row.interpretation_language) == (
        Rsvp.Status.WAITLISTED,
        "A hearing loop, please.",
        "ar",
    )
    assert page.get_by_role("button", name="Leave the waiting list").is_visible()
