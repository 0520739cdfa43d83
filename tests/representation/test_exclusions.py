"""A consultation's groups not in scope (issue 18, item 8): an adults-only consultation
leaves children out of its representation report, alerts and exports alike: never
flagged absent, not in the baseline (the other shares renormalised)."""

import pytest

from engage.communities.representation import Flag, representation_report
from engage.communities.scopes import Scope
from tests.factories import build_consultation

from .conftest import City

AGES = {"0-14": 20, "15-64": 60, "65-plus": 20}


@pytest.fixture
def city(db, settings):
    settings.REPRESENTATION_ADULTS_ONLY_EXCLUDES = ["age_band:0-14"]
    city = City()
    city.dimension("age_band", AGES)
    return city


def report_rows(consultation):
    report = representation_report(Scope("consultation", str(consultation.pk)), use_cache=False)
    [dimension] = report.dimensions
    return {row.slug: row for row in dimension.rows}


def adults_heard(city, consultation):
    city.people(
        Scope("consultation", str(consultation.pk)), "age_band", {"15-64": 45, "65-plus": 15}
    )


def test_without_exclusions_children_are_flagged_absent(city, consultation_index):
    consultation = build_consultation(consultation_index, title="Parks", slug="parks")
    adults_heard(city, consultation)

    rows = report_rows(consultation)

    assert rows["0-14"].flag == Flag.ABSENT
    assert rows["15-64"].baseline_share == pytest.approx(0.6)


def test_an_adults_only_consultation_neither_expects_nor_flags_children(city, consultation_index):
    consultation = build_consultation(
        consultation_index, title="Parks", slug="parks", adults_only=True
    )
    adults_heard(city, consultation)

    rows = report_rows(consultation)

    assert rows["0-14"].flag == Flag.EXCLUDED
    assert rows["0-14"].excluded
    # 60 and 20 of the 80 left: 75% and 25%, which is what the adults who took part are.
    assert rows["15-64"].baseline_share == pytest.approx(0.75)
    assert rows["65-plus"].baseline_share == pytest.approx(0.25)
    assert rows["15-64"].flag not in (Flag.UNDER, Flag.OVER, Flag.ABSENT)


def test_groups_not_in_scope_are_left_out_too(city, consultation_index):
    consultation = build_consultation(consultation_index, title="Parks", slug="parks")
    consultation.excluded_groups.set([city.categories["age_band", "65-plus"]])
    consultation.save()
    adults_heard(city, consultation)

    rows = report_rows(consultation)

    assert rows["65-plus"].flag == Flag.EXCLUDED
    assert rows["0-14"].flag == Flag.ABSENT  # not adults-only: children still expected
    assert rows["15-64"].baseline_share == pytest.approx(0.75)


def test_the_city_report_is_not_narrowed_by_one_consultation(city, consultation_index):
    consultation = build_consultation(
        consultation_index, title="Parks", slug="parks", adults_only=True
    )
    adults_heard(city, consultation)

    report = representation_report("city", use_cache=False)

    flags = {row.slug: row.flag for row in report.dimensions[0].rows}
    assert flags["0-14"] == Flag.ABSENT
