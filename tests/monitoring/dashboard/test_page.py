"""The dashboard page: the map (one path per ward with a boundary), the table beside it
with the same numbers, the small multiples, filters, right-to-left, and who sees what."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from engage.policy.models import PartnerGrant, PolicyArea
from tests import factories
from tests.monitoring.dashboard.conftest import AGREE, TENSION, TEXTS, TODAY, add_texts

pytestmark = pytest.mark.django_db
UNTIL = TODAY.isoformat()


def url(language="en"):
    with translation.override(language):
        return reverse("monitoring_alerts:dashboard:index")


def page(client, language="en", **params):
    params.setdefault("until", UNTIL)
    params.setdefault("map", TEXTS)
    response = client.get(url(language), params)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def map_svg(html):
    match = re.search(r'<svg class="map".*?</svg>', html, re.S)
    assert match, "no map on the page"
    return match.group(0)


def map_figures(html):
    """{area code: figure} from the map's accessible names."""
    return {
        code: label.rsplit(": ", 1)[1]
        for code, label in re.findall(
            r'<a href="#area-([^"]+)" class="map-area" aria-label="([^"]+)">', map_svg(html)
        )
    }


def table_figures(html):
    """{area code: figure} from the table beside the map."""
    table = re.search(r'<table class="listing dashboard-map__table">.*?</table>', html, re.S)
    return dict(
        re.findall(r'<tr data-area="([^"]+)">.*?<td data-figure>([^<]*)</td>', table.group(0), re.S)
    )


@pytest.fixture
def staff_client(client, staff, test_series, wards):
    add_texts({("W1", 0): 3, ("W1", 2): 2, ("W2", 1): 1, ("W4", 0): 7, ("CITY", 0): 1})
    client.force_login(staff)
    return client


def test_the_map_draws_one_path_per_ward_with_a_boundary(staff_client):
    svg = map_svg(page(staff_client))
    assert sorted(re.findall(r'data-area="([^"]+)"', svg)) == ["W1", "W2", "W3"]
    assert svg.count("<path") == 3
    # Each ward is a focusable link to its figures, with a title saying the same.
    assert svg.count("<title>") == 3
    assert '<a href="#area-W1" class="map-area" aria-label="Ward 1: 5">' in svg
    assert "<title>Ward 1: 5</title>" in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")  # no tiles


def test_areas_without_a_boundary_are_in_the_table_only(staff_client):
    html = page(staff_client)
    assert "W4" not in map_svg(html) and "CITY" not in map_svg(html)
    row = re.search(r'<tr data-area="W4">.*?</tr>', html, re.S).group(0)
    assert "not on the map (no boundary)" in row and "<td data-figure>7</td>" in row
    assert 'id="area-W4"' in html  # its small multiples are there too


def test_the_table_has_the_same_numbers_as_the_map(staff_client):
    html = page(staff_client)
    drawn = map_figures(html)
    table = table_figures(html)
    assert drawn == {code: table[code] for code in drawn}
    assert table == {"CITY": "1", "W1": "5", "W2": "1", "W3": "no data", "W4": "7"}


def test_the_legend_names_every_bin_and_no_figure_is_patterned(staff_client):
    html = page(staff_client, map=AGREE)
    legend = re.search(r'<ul class="map-legend".*?</ul>', html, re.S).group(0)
    labels = re.findall(r"</svg>\s*([^<]+?)\s*</li>", legend)
    assert labels == [
        "0% to 20%",
        "20% to 40%",
        "40% to 60%",
        "60% to 80%",
        "80% to 100%",
        "no figure",
    ]
    assert html.count('<pattern id="map-bin-') == 6  # defined once on the page
    svg = map_svg(html)
    assert re.search(r'fill="url\(#map-bin-3\)"[^>]*data-area="W1"', svg)  # 62%
    assert re.search(r'fill="url\(#map-bin-none\)"[^>]*data-area="W2"', svg)  # withheld


def test_small_multiples_have_a_sparkline_with_words_per_area_and_series(staff_client):
    html = page(staff_client, weeks=4)
    sparklines = re.findall(r'<svg class="sparkline"[^>]*role="img" aria-label="([^"]+)"', html)
    assert len(sparklines) == 5 * 3  # areas × series
    assert (
        "Texts written in Ward 1: figures for 2 of 4 weeks, from 2 to 3; latest 3 in the week "
        "of 15 Jun 2026." in sparklines
    )
    assert "Texts written in Ward 3: no figures in this period." in sparklines


def test_the_page_renders_right_to_left_in_arabic(staff_client):
    html = page(staff_client, "ar")
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert map_svg(html).count("<path") == 3
    # Help texts with figures are translated when shown, not once at import in English.
    assert "From 1 to" not in html
    with translation.override("ar"):
        assert (
            translation.gettext("From 1 to %(max)s; %(default)s when empty.")
            % {
                "max": 104,
                "default": 26,
            }
            in html
        )


def test_a_filter_marks_the_series_that_cannot_answer_it(staff_client, calls):
    housing = PolicyArea.objects.create(slug="housing", name="Housing")
    html = page(staff_client, policy_area=housing.slug, map=TEXTS)
    assert calls[AGREE][-1][3] == "housing"
    assert TEXTS not in calls
    assert "Texts written is not available for this filter (policy area)." in html
    cells = re.findall(r'<td data-series="test.texts">.*?</td>', html, re.S)
    assert cells and all("not available for this filter" in cell for cell in cells)


def test_choosing_series_shows_only_those(staff_client, calls):
    html = page(staff_client, series=[TENSION])
    assert TEXTS not in calls and AGREE not in calls
    assert "Tension level" in html and 'data-series="test.texts"' not in html


@pytest.mark.parametrize("weeks", ["0", "105", "many"])
def test_a_period_out_of_range_is_explained(staff_client, weeks, calls):
    html = page(staff_client, weeks=weeks)
    assert 'class="error-summary"' in html and 'href="#id_weeks"' in html
    assert not calls  # nothing read while the filters are wrong


def test_queries_do_not_grow_with_areas_or_weeks(staff_client, wards):
    page(staff_client, weeks=2)  # warm up the session and the roles
    with CaptureQueriesContext(connection) as small:
        page(staff_client, weeks=2)
    for index in range(20):
        factories.AreaFactory(code=f"X{index}", name=f"Extra {index}")
    add_texts({(f"X{index}", week): 1 for index in range(20) for week in range(0, 60, 3)})
    with CaptureQueriesContext(connection) as large:
        html = page(staff_client, weeks=104)
    assert 'id="area-X19"' in html
    assert len(large) == len(small), [q["sql"][:120] for q in large.captured_queries]


# --- who sees what ----------------------------------------------------------------------


def test_a_partner_sees_only_the_areas_its_grants_cover(client, test_series, wards, calls):
    partner = factories.with_totp(
        factories.partner_member(grants=[("area:W1", PartnerGrant.Access.VIEW_REPORTS)])
    )
    client.force_login(partner)
    html = page(client)
    assert 'id="area-W1"' in html
    for other in ("W2", "W3", "W4", "CITY"):
        assert f'id="area-{other}"' not in html
    assert calls[TEXTS][0][2] == ["W1"]  # the provider was asked for that area only
    assert "sentiment.csv" not in html  # viewing, not exporting


def test_a_partner_with_a_city_grant_sees_every_area(client, test_series, wards):
    partner = factories.with_totp(
        factories.partner_member(grants=[("city", PartnerGrant.Access.VIEW_REPORTS)])
    )
    client.force_login(partner)
    assert 'id="area-W4"' in page(client)


@pytest.mark.parametrize(
    "make",
    [
        factories.UserFactory,
        lambda: factories.with_totp(factories.moderator()),
        factories.city_staff,  # no two-factor authentication
        lambda: factories.with_totp(
            factories.partner_member(grants=[("area:ELSEWHERE", PartnerGrant.Access.EXPORT)])
        ),
        lambda: factories.with_totp(
            factories.partner_member(grants=[("consultation:1", PartnerGrant.Access.EXPORT)])
        ),
    ],
)
def test_others_are_refused(client, test_series, wards, make):
    client.force_login(make())
    assert client.get(url()).status_code == 403


def test_visitors_are_sent_to_log_in(client, test_series, wards):
    response = client.get(url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_admin_menu_offers_the_dashboard_to_staff(client, staff):
    client.force_login(staff)
    response = client.get(reverse("wagtailadmin_home"))
    assert url() in response.content.decode()
    assert "Community sentiment" in response.content.decode()


def test_no_registered_series_says_so(client, staff, wards):
    from engage.monitoring import series

    saved = dict(series._REGISTRY)
    series._REGISTRY.clear()
    try:
        client.force_login(staff)
        assert "No monitoring source has registered a series yet" in page(client, map="")
    finally:
        series._REGISTRY.update(saved)


def test_the_map_defaults_to_the_first_series_that_answers_the_filter(staff_client):
    PolicyArea.objects.create(slug="housing", name="Housing")
    html = page(staff_client, policy_area="housing", map="")
    assert "People agreeing they get on well by area" in map_svg(html)
