"""The weekly series pulse.<indicator>: the wave's last week, per ward and for the city,
small bases given without a share."""

import datetime

import pytest

from engage.monitoring import series
from engage.monitoring.pulse.indicators import INDICATORS

from .conftest import answers, make_wave

pytestmark = pytest.mark.django_db


def test_every_indicator_is_registered_as_a_share():
    for code in INDICATORS:
        assert series.get(f"pulse.{code}").unit == series.SHARE


def test_points_fall_in_the_week_of_the_waves_last_day_per_ward_and_city(city, wards):
    wave = make_wave(days=(-30, -20))
    answers(wave, "trust", 9, 3, dont_know=2, area=wards[0])
    answers(wave, "trust", 2, 1, area=wards[1])
    since, until = wave.starts_on, wave.ends_on + datetime.timedelta(days=7)
    week = series.week_start(wave.ends_on)
    by_area = series.weekly("pulse.trust", since, until)
    ward_1 = by_area["TC-W01"][week]
    assert (ward_1.value, ward_1.count) == (0.75, 12)
    ward_2 = by_area["TC-W02"][week]
    assert (ward_2.value, ward_2.count) == (None, 3)  # too few answers to give a share
    whole = by_area["TC0001"][week]  # a city-wide wave: the city has a point too
    assert (whole.value, whole.count) == (11 / 15, 15)
    assert set(series.weekly("pulse.trust", since, until, areas=["TC-W01"])) == {"TC-W01"}
    assert series.weekly("pulse.belonging", since, until) == {}


def test_a_ward_wave_gives_no_city_point_and_waves_outside_the_dates_none(city, wards):
    wave = make_wave(days=(-30, -20), areas=[wards[0]])
    answers(wave, "trust", 10, 0, area=wards[0])
    by_area = series.weekly("pulse.trust", wave.starts_on, wave.ends_on)
    assert set(by_area) == {"TC-W01"}
    assert (
        series.weekly(
            "pulse.trust",
            wave.ends_on + datetime.timedelta(days=1),
            wave.ends_on + datetime.timedelta(days=60),
        )
        == {}
    )
