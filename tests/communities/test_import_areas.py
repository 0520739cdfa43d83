"""`import_areas`: boundaries from GeoJSON, every problem per feature, all or nothing."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from engage.communities.models import Area
from tests.factories.communities import AreaFactory

pytestmark = pytest.mark.django_db

DEMO_FILE = Path(__file__).resolve().parents[2] / "engage/demo/northbridge-wards.geojson"
RING = [[-2.6, 51.4], [-2.5, 51.4], [-2.5, 51.5], [-2.6, 51.5], [-2.6, 51.4]]


def feature(code, name, geometry=None):
    properties = {}
    if code is not None:
        properties["ward_code"] = code
    if name is not None:
        properties["ward_name"] = name
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": geometry or {"type": "Polygon", "coordinates": [RING]},
    }


def write(tmp_path, features, name="areas.geojson"):
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def run(path, *extra):
    out, err = StringIO(), StringIO()
    try:
        call_command(
            "import_areas",
            str(path),
            "--code-property",
            "ward_code",
            "--name-property",
            "ward_name",
            *extra,
            stdout=out,
            stderr=err,
        )
    except CommandError as error:
        return False, out.getvalue(), err.getvalue() + str(error)
    return True, out.getvalue(), err.getvalue()


def test_demo_wards_are_created_under_the_parent_with_create_missing():
    city = AreaFactory(code="NB0001", name="Northbridge")
    ok, out, _err = run(DEMO_FILE, "--parent", "NB0001", "--create-missing")
    assert ok, _err
    wards = Area.objects.filter(parent=city)
    assert wards.count() == 8
    assert "8 boundaries (8 new areas, 0 updated)" in out
    harbourside = Area.objects.get(code="NB-W08")
    assert harbourside.name == "Harbourside"
    assert harbourside.boundary["type"] == "MultiPolygon"


def test_existing_areas_get_their_boundary_and_name_updated(tmp_path):
    area = AreaFactory(code="W1", name="Old name")
    ok, out, _err = run(write(tmp_path, [feature("W1", "New name")]))
    assert ok
    area.refresh_from_db()
    assert area.name == "New name"
    assert area.boundary == {"type": "Polygon", "coordinates": [RING]}
    assert "0 new areas, 1 updated" in out


def test_import_is_idempotent(tmp_path):
    AreaFactory(code="P")
    path = write(tmp_path, [feature("W1", "Ward one")])
    assert run(path, "--create-missing", "--parent", "P")[0]
    assert run(path, "--create-missing", "--parent", "P")[0]
    assert Area.objects.filter(code="W1").count() == 1


def test_unknown_code_is_reported_without_create_missing(tmp_path):
    ok, _out, err = run(write(tmp_path, [feature("W9", "Nowhere")]))
    assert not ok
    assert "Feature 1 (code “W9”)" in err
    assert "--create-missing" in err
    assert not Area.objects.filter(code="W9").exists()


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        (feature(None, "No code"), "“ward_code” with the area code is missing"),
        (feature("W2", None), "“ward_name” with the area name is missing"),
        (feature("W2", "   "), "“ward_name” with the area name is missing"),
        (feature("W2", "Line", {"type": "LineString", "coordinates": RING}), "LineString"),
        (feature("W2", "Open", {"type": "Polygon", "coordinates": [RING[:-1]]}), "not closed"),
        (
            feature("W2", "Far", {"type": "Polygon", "coordinates": [[[200, 51], *RING[1:]]]}),
            "longitude 200",
        ),
        (
            feature(
                "W2", "Thin", {"type": "Polygon", "coordinates": [[RING[0], RING[1], RING[0]]]}
            ),
            "at least 4",
        ),
        ({"type": "Feature", "properties": {"ward_code": "W2", "ward_name": "X"}}, "no geometry"),
        ({"type": "Nope"}, "not a GeoJSON Feature"),
        (feature("W1", "Twice"), "also used by feature 1"),
    ],
)
def test_a_bad_feature_is_reported_and_nothing_is_imported(tmp_path, bad, expected):
    area_one = AreaFactory(code="W1", name="Ward one")
    AreaFactory(code="W2", name="Ward two")
    path = write(tmp_path, [feature("W1", "Renamed"), bad])
    ok, _out, err = run(path)
    assert not ok
    assert "Feature 2" in err
    assert expected in err
    assert "Nothing was imported" in err
    area_one.refresh_from_db()
    assert area_one.name == "Ward one"
    assert area_one.boundary is None


def test_every_problem_is_listed_with_feature_number_and_code(tmp_path):
    AreaFactory(code="W1")
    path = write(
        tmp_path,
        [
            feature("W1", "Fine"),
            feature("W7", "Unknown"),
            feature("W1", None, {"type": "Point", "coordinates": [0, 0]}),
        ],
    )
    ok, _out, err = run(path)
    assert not ok
    assert "Feature 2 (code “W7”)" in err
    assert err.count("Feature 3 (code “W1”)") == 3  # missing name, duplicate, geometry
    assert "5 problem(s)" not in err and "4 problem(s)" in err


def test_unknown_parent_is_an_error(tmp_path):
    ok, _out, err = run(
        write(tmp_path, [feature("W1", "One")]), "--parent", "NOPE", "--create-missing"
    )
    assert not ok
    assert "NOPE" in err
    assert not Area.objects.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"type": "Feature"}), "not a GeoJSON FeatureCollection"),
        (json.dumps({"type": "FeatureCollection", "features": []}), "no features"),
    ],
)
def test_unreadable_files_are_explained(tmp_path, content, expected):
    path = tmp_path / "bad.geojson"
    path.write_text(content)
    ok, _out, err = run(path)
    assert not ok
    assert expected in err


def test_missing_file_is_explained(tmp_path):
    ok, _out, err = run(tmp_path / "absent.geojson")
    assert not ok
    assert "There is no file" in err
