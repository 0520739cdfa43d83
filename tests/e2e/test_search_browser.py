"""The search page and the consultation index's area map in Chromium: no serious or
critical axe violations left to right and right to left, highlighted results, and the
map's areas reached and followed with the keyboard."""

import pytest

from consultations.models import Comment, CommentStatus
from engage.communities.models import Area
from tests.e2e.test_accessibility import assert_no_blocking_violations
from tests.factories import UserFactory, build_consultation

pytestmark = pytest.mark.browser


def square(west, south, size=0.01):
    east, north = west + size, south + size
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def city(consultation_index):
    northbridge = Area.objects.create(code="NB0001", name="Northbridge")
    ashdown = Area.objects.create(
        code="NB-W01", name="Ashdown", parent=northbridge, boundary=square(-1.50, 53.80)
    )
    Area.objects.create(
        code="NB-W02", name="Brook Vale", parent=northbridge, boundary=square(-1.49, 53.80)
    )
    park = build_consultation(
        consultation_index,
        title="Riverside Park",
        title_ar="حديقة ريفرسايد",
        summary="New benches and playgrounds.",
        summary_ar="مقاعد وملاعب جديدة في الحديقة.",
        area=ashdown,
    )
    Comment.objects.create(
        consultation=park,
        author=UserFactory(display_name="Rania"),
        body_text="More benches in the shade, please.",
        body_html="<p>More benches in the shade, please.</p>",
        language="en",
        status=CommentStatus.PUBLISHED,
    )
    return consultation_index


@pytest.mark.parametrize(("language", "q"), [("en", "benches"), ("ar", "الحديقة")])
def test_search_results_are_accessible_and_highlighted(page, city, language, q):
    path = f"/{language}/search/?q={q}"
    assert_no_blocking_violations(page, path)
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator(".search-result").count() >= 1
    assert page.locator(".search-result__snippet mark").count() >= 1
    assert page.locator("h1").count() == 1


def test_an_empty_search_is_accessible_and_explains_itself(page, city):
    assert_no_blocking_violations(page, "/en/search/?q=")
    assert page.locator("#id_q").get_attribute("aria-invalid") == "true"
    assert page.locator(".error-summary").is_visible()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_area_map_is_accessible_and_works_with_the_keyboard(page, city, language):
    path = f"/{language}{city.url[3:]}"
    assert_no_blocking_violations(page, path)
    link = page.locator("a.area-map__link")
    assert link.count() == 1
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**status=open**")
    assert "area=NB-W01" in page.url
    titles = page.locator(".card__title").all_inner_texts()
    assert len(titles) == 1
