"""The community sentiment dashboard in Chromium: no serious or critical axe violations
in English and Arabic, the map's wards reachable with Tab and opening their figures with
Enter, and no request leaving the site (no map tiles)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from engage.communities.models import Area
from engage.monitoring import series
from tests.e2e.test_accessibility import BLOCKING_IMPACTS, axe_violations, describe
from tests.factories import PASSWORD, city_staff, with_totp

pytestmark = pytest.mark.browser

UNTIL = "2026-06-17"
WEEK = series.week_start(datetime.date(2026, 6, 17))


def square(west, south, size=0.01):
    east, north = west + size, south + size
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def sentiment_series():
    """Two series of the test's own (the registry is shared with the live server's
    threads), replacing whatever the installed sources registered."""
    saved = dict(series._REGISTRY)
    series._REGISTRY.clear()
    values = {"W1": 12.0, "W2": 3.0, "W4": 7.0}

    def texts(since, until, areas):
        for code, value in values.items():
            if areas is None or code in areas:
                yield series.Point(code, WEEK, value, int(value))

    def tension(since, until, areas):
        yield series.Point("W1", WEEK, 3.0, 1)

    series.register("test.texts", "Texts written", series.COUNT, texts)
    series.register("test.tension", "Tension level", series.LEVEL, tension)
    yield
    series._REGISTRY.clear()
    series._REGISTRY.update(saved)


@pytest.fixture
def signed_in_staff(page, asgi_live_server, sentiment_series):
    city = Area.objects.create(code="CITY", name="Northbridge")
    for index, code in enumerate(("W1", "W2", "W3")):
        Area.objects.create(
            code=code,
            name=f"Ward {index + 1}",
            parent=city,
            boundary=square(-1.6 + index * 0.01, 53.7),
        )
    Area.objects.create(code="W4", name="Ward 4", parent=city)
    staff = with_totp(city_staff())
    client = Client()
    assert client.login(email=staff.email, password=PASSWORD)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": asgi_live_server.url,
            }
        ]
    )
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(asgi_live_server.url)
            else None
        ),
    )
    page.outside_requests = outside
    return page


def dashboard_path(language):
    with translation.override(language):
        return reverse("monitoring_alerts:dashboard:index") + f"?until={UNTIL}&map=test.texts"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_dashboard_has_no_serious_accessibility_violations(signed_in_staff, language):
    page = signed_in_staff
    response = page.goto(dashboard_path(language))
    assert response.status == 200
    assert page.locator("svg.map a.map-area").count() == 3
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "axe found serious or critical problems:\n" + describe(blocking)
    assert page.outside_requests == []
    if language == "ar":
        assert page.locator("html").get_attribute("dir") == "rtl"


def test_the_map_works_with_the_keyboard(signed_in_staff):
    page = signed_in_staff
    page.goto(dashboard_path("en"))
    page.locator("form.dashboard-filters button[type=submit]").focus()
    reached = None
    for _step in range(12):
        page.keyboard.press("Tab")
        reached = page.evaluate(
            "() => document.activeElement.getAttribute('class') === 'map-area' "
            "? document.activeElement.getAttribute('href') : null"
        )
        if reached:
            break
    assert reached == "#area-W1", "Tab never reached the first ward of the map"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "#area-W2"
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash === '#area-W2'")
    heading = page.locator("#area-W2")
    assert heading.text_content().strip() == "Ward 2"
    assert page.evaluate("() => document.activeElement.id") == "area-W2"
