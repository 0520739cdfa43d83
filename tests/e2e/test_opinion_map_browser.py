"""The live opinion map in Chromium: accessible (axe, in English and in Arabic, right to
left), the groups reachable from the keyboard, and updated in place when a
recomputation stores a new snapshot (real Daphne, real Redis channel layer)."""

import pytest

from engage.opinions.models import Participant, Vote
from engage.opinions.tasks import store_snapshot
from tests.e2e.conftest import outside_browser_loop
from tests.e2e.test_accessibility import BLOCKING_IMPACTS, axe_violations, describe
from tests.opinions.live_fixtures import grouped_map

pytestmark = pytest.mark.browser


def assert_accessible(page, where):
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe found serious or critical problems on {where}:\n" + describe(
        blocking
    )


@pytest.fixture
def computed_map(home_page):
    opinion_map, statements, people = grouped_map(per_group=12, title="Riverside park")
    store_snapshot(opinion_map)
    return opinion_map, statements


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_map_is_accessible_and_its_groups_reachable_by_keyboard(
    page, asgi_live_server, computed_map, language
):
    opinion_map, _statements = computed_map
    page.goto(f"/{language}/opinions/{opinion_map.pk}/map/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    svg = page.locator("svg.opinion-map__svg")
    assert svg.locator("title").count() == 1 and svg.locator("desc").count() == 1
    assert page.locator("table.opinion-map__table").count() >= 1
    assert_accessible(page, f"the {language} map page")
    # Tab until a group of the drawing has the focus, then follow it.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('svg')"):
            break
    else:
        pytest.fail("No group of the drawing is reachable with the Tab key")
    label = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert label and "12" in label
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash.startsWith('#opinion-group-')")


def test_a_recomputation_updates_the_open_map_in_place(page, asgi_live_server, computed_map):
    opinion_map, statements = computed_map
    page.goto(f"/en/opinions/{opinion_map.pk}/map/")
    page.wait_for_function(
        "() => document.querySelector('[data-live-socket]')"
        ".getAttribute('data-live-connected') === 'true'"
    )
    assert "24 people have voted" in page.locator("#opinion-map-body").inner_text()
    page.evaluate("window.notReloaded = true")
    for n in range(5):
        voter = Participant.objects.create(map=opinion_map, external_id=f"late-{n}")
        Vote.objects.bulk_create(
            Vote(participant=voter, statement=statement, value=1) for statement in statements
        )
    with outside_browser_loop():
        store_snapshot(opinion_map)
    page.wait_for_function(
        "() => document.querySelector('#opinion-map-body').textContent"
        ".includes('29 people have voted')"
    )
    assert page.evaluate("window.notReloaded") is True
    page.wait_for_function(
        "() => document.querySelector('[data-live-status]').textContent"
        " === 'The map has been updated with the latest votes.'"
    )
    assert_accessible(page, "the map page after a live update")
