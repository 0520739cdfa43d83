"""The pure boundary helpers: validation, bounding box, projection and SVG paths."""

import math

import pytest

from engage.communities.geometry import (
    Projection,
    bounding_box,
    centroid,
    geometry_problems,
    svg_path,
)

SQUARE = [[0.0, 50.0], [1.0, 50.0], [1.0, 51.0], [0.0, 51.0], [0.0, 50.0]]
HOLE = [[0.4, 50.4], [0.6, 50.4], [0.6, 50.6], [0.4, 50.6], [0.4, 50.4]]


def polygon(*rings):
    return {"type": "Polygon", "coordinates": [list(ring) for ring in rings]}


def test_polygon_with_a_hole_and_multipolygon_are_valid():
    assert geometry_problems(polygon(SQUARE, HOLE)) == []
    multi = {"type": "MultiPolygon", "coordinates": [[SQUARE], [HOLE]]}
    assert geometry_problems(multi) == []


@pytest.mark.parametrize(
    ("geometry", "expected"),
    [
        (None, "no geometry"),
        ({"type": "Point", "coordinates": [0, 50]}, "only Polygon and MultiPolygon"),
        ({"type": "LineString", "coordinates": SQUARE}, "only Polygon and MultiPolygon"),
        (polygon(SQUARE[:-1]), "not closed"),
        (polygon([[0, 50], [1, 50], [0, 50]]), "at least 4"),
        (polygon([[0, 50], [181, 50], [1, 51], [0, 50]]), "longitude 181"),
        (polygon([[0, 50], [1, 95], [1, 51], [0, 50]]), "latitude 95"),
        (polygon([[0, 50], ["1", 50], [1, 51], [0, 50]]), "two numbers"),
        (polygon([[0, 50], [1], [1, 51], [0, 50]]), "[longitude, latitude]"),
        (polygon([[0, 50], [float("nan"), 50], [1, 51], [0, 50]]), "two numbers"),
        ({"type": "Polygon", "coordinates": []}, "no rings"),
        ({"type": "MultiPolygon", "coordinates": []}, "no polygons"),
        ({"type": "MultiPolygon", "coordinates": [[SQUARE], [SQUARE[:-1]]]}, "Polygon 2"),
    ],
)
def test_invalid_geometries_are_explained(geometry, expected):
    problems = geometry_problems(geometry)
    assert problems
    assert expected in " ".join(problems)


def test_bounding_box_spans_every_geometry_and_skips_missing_ones():
    other = polygon([[2, 49], [3, 49], [3, 49.5], [2, 49], [2, 49]])
    assert bounding_box([polygon(SQUARE), None, other]) == (0.0, 49, 3, 51.0)
    assert bounding_box(polygon(SQUARE)) == (0.0, 50.0, 1.0, 51.0)
    assert bounding_box([None]) is None


def test_projection_scales_longitude_by_cosine_of_middle_latitude():
    projection = Projection((0.0, 50.0, 1.0, 51.0), width=100, padding=0)
    cos = math.cos(math.radians(50.5))
    # one degree of longitude fills the width; one degree of latitude is 1/cos taller
    assert projection.height == pytest.approx(100 / cos)
    assert projection.view_box == f"0 0 100 {100 / cos:.2f}".rstrip("0").rstrip(".")
    # north-west corner at the origin, south-east at the far corner: north is up
    assert projection.point(0.0, 51.0) == pytest.approx((0, 0))
    assert projection.point(1.0, 50.0) == pytest.approx((100, 100 / cos))


def test_projection_padding_surrounds_the_drawing():
    projection = Projection((0.0, 50.0, 1.0, 51.0), width=120, padding=10)
    assert projection.point(0.0, 51.0) == pytest.approx((10, 10))
    assert projection.point(1.0, 51.0)[0] == pytest.approx(110)


def test_svg_path_closes_each_ring_and_draws_holes_as_subpaths():
    projection = Projection((0.0, 50.0, 1.0, 51.0), width=100, padding=0)
    d = svg_path(polygon(SQUARE, HOLE), projection)
    assert d.count("M") == 2
    assert d.count("Z") == 2
    assert d.startswith("M0,")
    # the repeated closing position is not drawn twice: 1 move + 3 lines per ring
    first = d.split("Z")[0]
    assert first.count("L") == 3
    assert "L100," in first


def test_svg_path_of_multipolygon_has_a_subpath_per_polygon():
    projection = Projection(bounding_box(polygon(SQUARE)), width=50)
    multi = {"type": "MultiPolygon", "coordinates": [[SQUARE], [HOLE]]}
    assert svg_path(multi, projection).count("M") == 2


def test_centroid_of_a_square_is_its_centre():
    assert centroid(polygon(SQUARE)) == pytest.approx((0.5, 50.5))
