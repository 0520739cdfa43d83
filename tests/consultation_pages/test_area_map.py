"""The map of open consultations by area on the consultation index
(`{% consultation_area_map page %}`): shown only when areas have boundaries, each area
a link to its open consultations, and a table with the same numbers."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from engage.communities.models import Area
from tests.factories import build_consultation

pytestmark = pytest.mark.django_db


def square(west, south, size=0.01):
    east, north = west + size, south + size
    return {
        "type": "Polygon",
        "coordinates": [
            [[west, south], [east, south], [east, north], [west, north], [west, south]]
        ],
    }


@pytest.fixture
def wards(db):
    city = Area.objects.create(code="NB0001", name="Northbridge")
    return {
        "city": city,
        "ashdown": Area.objects.create(
            code="NB-W01", name="Ashdown", parent=city, boundary=square(-1.50, 53.80)
        ),
        "brook": Area.objects.create(
            code="NB-W02", name="Brook Vale", parent=city, boundary=square(-1.49, 53.80)
        ),
    }


def index_html(client, consultation_index, **params):
    response = client.get(consultation_index.url, params)
    assert response.status_code == 200
    return response.text


def map_section(text):
    found = re.search(r'<section class="area-map[^"]*".*?</section>', text, re.S)
    return found.group(0) if found else ""


def test_no_map_while_no_area_has_a_boundary(client, consultation_index):
    city = Area.objects.create(code="NB0001", name="Northbridge")
    build_consultation(consultation_index, title="Riverside Park", area=city)
    assert map_section(index_html(client, consultation_index)) == ""


def test_areas_link_to_their_open_consultations(client, consultation_index, wards):
    build_consultation(consultation_index, title="Ashdown park", area=wards["ashdown"])
    build_consultation(consultation_index, title="Ashdown library", area=wards["ashdown"])
    build_consultation(
        consultation_index,
        title="Brook Vale bins",
        area=wards["brook"],
        opens_in_days=-30,
        closes_in_days=-2,
    )
    build_consultation(consultation_index, title="City budget", area=wards["city"])
    section = map_section(index_html(client, consultation_index))
    link = re.search(r'<a href="([^"]+)" class="area-map__link" aria-label="([^"]+)"', section)
    assert link, section
    url, label = html.unescape(link.group(1)), html.unescape(link.group(2))
    assert label == "Ashdown: 2 open consultations"
    assert url == f"{consultation_index.url}?area=NB-W01&status=open"
    # Brook Vale's only consultation is closed: drawn, but not a link.
    assert section.count('class="area-map__link"') == 1
    assert 'data-area="NB-W02"' in section
    assert "Brook Vale: no open consultation" in section
    # The table: every drawn area, and the city (no boundary) with its open one.
    rows = re.findall(r'<th scope="row">(.*?)</th>\s*<td>(\d+)</td>', section, re.S)
    names = [(re.sub(r"<[^>]+>", "", name), int(count)) for name, count in rows]
    assert names == [("Ashdown", 2), ("Northbridge", 1), ("Brook Vale", 0)]

    listed = index_html(client, consultation_index, area="NB-W01", status="open")
    cards = set(re.findall(r'class="card__title"><a [^>]*>([^<]+)</a>', listed))
    assert cards == {"Ashdown park", "Ashdown library"}


def test_drafts_and_private_consultations_are_not_counted(client, consultation_index, wards):
    build_consultation(consultation_index, title="Draft", area=wards["ashdown"], publish=False)
    private = build_consultation(consultation_index, title="Panel only", area=wards["ashdown"])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    section = map_section(index_html(client, consultation_index))
    assert section
    assert "area-map__link" not in section
    assert "Ashdown: no open consultation" in section


def test_the_map_costs_a_fixed_number_of_queries(client, consultation_index, wards):
    build_consultation(consultation_index, title="One", area=wards["ashdown"])
    with CaptureQueriesContext(connection) as few:
        index_html(client, consultation_index)
    for number in range(4):
        extra = Area.objects.create(
            code=f"X{number}", name=f"Extra {number}", boundary=square(-1.40 + number / 50, 53.7)
        )
        build_consultation(consultation_index, title=f"Extra {number}", area=extra)
    with CaptureQueriesContext(connection) as many:
        text = index_html(client, consultation_index)
    assert map_section(text).count('class="area-map__link"') == 5
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_map_is_accessible_without_the_picture(client, consultation_index, wards):
    build_consultation(consultation_index, title="One", area=wards["ashdown"])
    section = map_section(index_html(client, consultation_index))
    assert 'aria-labelledby="area-map-heading"' in section
    assert re.search(r'<svg [^>]*role="group" aria-label="[^"]+"', section)
    assert '<th scope="col">' in section
    # No third-party request: everything is inline or from our own static files.
    assert "http" not in section
