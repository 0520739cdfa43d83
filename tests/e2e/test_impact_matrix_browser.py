"""The city matrix page in Chromium: no serious or critical axe violations in English
and Arabic (heat map, focus list and table), with scored and missing cells."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.e2e.test_accessibility import BLOCKING_IMPACTS, axe_violations, describe
from tests.factories import PASSWORD, city_staff, with_totp
from tests.impact.matrix_fixtures import assessment, city

pytestmark = pytest.mark.browser


@pytest.fixture
def signed_in_staff(page, asgi_live_server):
    areas, _dimension, groups = city()
    assessment(areas["housing"], {groups["young"]: -2, groups["older"]: None})
    assessment(areas["parks"], {groups["young"]: 1, groups["older"]: -1})
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
    return page


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_matrix_has_no_serious_accessibility_violations(signed_in_staff, language):
    page = signed_in_staff
    with translation.override(language):
        path = reverse("impact:matrix:index")
    response = page.goto(path)
    assert response.status == 200
    assert page.locator("svg.matrix-heatmap rect[width='34']").count() == 6
    assert page.locator("ol[aria-labelledby=focus-heading] li").count() == 3
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "axe found serious or critical problems:\n" + describe(blocking)
    if language == "ar":
        assert page.locator("html").get_attribute("dir") == "rtl"
