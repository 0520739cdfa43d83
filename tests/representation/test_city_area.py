"""Which area city-wide reports compare with when baselines of other places are imported
beside the city's (issue 18, item 3)."""

import pytest

from engage.communities.models import Area
from engage.communities.representation import BaselineNotFound, city_area, representation_report

from .conftest import City


@pytest.fixture
def city_with_wards(db):
    city = City("CITY1")
    city.dimension("sex", {"female": 51, "male": 49})
    Area.objects.create(code="W1", name="Ward one", parent=city.area)
    return city


def imported_area(code, shares):
    other = City(code)
    other.dimension("sex", shares)
    return other.area


def test_the_only_top_level_area_is_the_city(city_with_wards):
    assert city_area() == city_with_wards.area


def test_imported_top_level_areas_without_parts_leave_the_city_with_wards(city_with_wards):
    imported_area("K04000001", {"female": 51, "male": 49})
    imported_area("E06000023", {"female": 50, "male": 50})

    assert city_area() == city_with_wards.area
    report = representation_report("city", use_cache=False)
    assert report.baseline_area_code == "CITY1"


def test_city_area_code_setting_wins(city_with_wards, settings):
    bristol = imported_area("E06000023", {"female": 50, "male": 50})
    settings.CITY_AREA_CODE = "E06000023"

    assert city_area() == bristol


def test_several_candidates_without_parts_say_which_and_what_to_do(db):
    imported_area("K04000001", {"female": 51, "male": 49})
    imported_area("E06000023", {"female": 50, "male": 50})

    assert city_area() is None
    with pytest.raises(BaselineNotFound) as raised:
        representation_report("city", use_cache=False)
    message = " ".join(raised.value.messages)
    assert "E06000023, K04000001" in message
    assert "CITY_AREA_CODE" in message


def test_two_cities_with_wards_do_not_guess(city_with_wards):
    other = imported_area("OTHER", {"female": 50, "male": 50})
    Area.objects.create(code="W9", name="Other ward", parent=other)

    assert city_area() is None
