"""Area boundaries as GeoJSON geometries: checking them, and drawing them as SVG.

Pure functions over plain GeoJSON dicts (no GIS library, no database): `import_areas`
validates with them and the community sentiment map draws with them.

- `geometry_problems(geometry)`: what is wrong with a geometry (a list of translated
  sentences; empty when it is a valid WGS84 Polygon or MultiPolygon).
- `bounding_box(geometries)`: (west, south, east, north) around one or more geometries.
- `Projection(bbox, width)`: longitude/latitude to SVG user units with an
  equirectangular projection whose longitudes are scaled by cos(middle latitude), so a
  city's wards keep their shape; north is up. `projection.view_box` is the SVG
  `viewBox` attribute.
- `svg_path(geometry, projection)`: the `d` attribute of a `<path>` drawing the
  geometry (use `fill-rule="evenodd"` so holes stay holes).
"""

import math
from dataclasses import dataclass
from numbers import Real

from django.utils.translation import gettext as _

POLYGON = "Polygon"
MULTI_POLYGON = "MultiPolygon"
GEOMETRY_TYPES = (POLYGON, MULTI_POLYGON)
MIN_RING_POSITIONS = 4  # a triangle, closed: first position repeated last


def _is_number(value):
    return isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value)


def _position_problem(position):
    if not isinstance(position, list | tuple) or len(position) < 2:
        return _("a position must be a list [longitude, latitude]")
    lon, lat = position[0], position[1]
    if not (_is_number(lon) and _is_number(lat)):
        return _("a position must hold two numbers, longitude and latitude")
    if not -180 <= lon <= 180:
        return _("longitude %(value)s is outside −180…180 (use WGS84 degrees)") % {"value": lon}
    if not -90 <= lat <= 90:
        return _("latitude %(value)s is outside −90…90 (use WGS84 degrees)") % {"value": lat}
    return None


def _ring_problems(ring, where):
    if not isinstance(ring, list | tuple):
        return [_("%(where)s is not a list of positions.") % {"where": where}]
    for position in ring:
        problem = _position_problem(position)
        if problem:
            return [_("%(where)s: %(problem)s.") % {"where": where, "problem": problem}]
    if len(ring) < MIN_RING_POSITIONS:
        return [
            _(
                "%(where)s has %(count)s positions; a ring needs at least %(minimum)s "
                "(three corners and the first repeated at the end)."
            )
            % {"where": where, "count": len(ring), "minimum": MIN_RING_POSITIONS}
        ]
    if list(ring[0][:2]) != list(ring[-1][:2]):
        return [
            _("%(where)s is not closed: its last position must repeat its first.")
            % {"where": where}
        ]
    return []


def _polygon_problems(rings, label):
    if not isinstance(rings, list | tuple) or not rings:
        return [_("%(where)s has no rings.") % {"where": label}]
    problems = []
    for number, ring in enumerate(rings, start=1):
        where = _("%(polygon)s, ring %(number)s") % {"polygon": label, "number": number}
        problems += _ring_problems(ring, where)
    return problems


def geometry_problems(geometry):
    """What is wrong with `geometry` as an area boundary: translated sentences, empty
    when it is a GeoJSON Polygon or MultiPolygon whose rings are closed, have at least
    four positions, and lie within WGS84 longitude/latitude ranges."""
    if not isinstance(geometry, dict):
        return [_("The feature has no geometry.")]
    kind = geometry.get("type")
    if kind not in GEOMETRY_TYPES:
        return [
            _("The geometry is a %(type)s; only Polygon and MultiPolygon can be area boundaries.")
            % {"type": kind or _("(no type)")}
        ]
    coordinates = geometry.get("coordinates")
    if kind == POLYGON:
        return _polygon_problems(coordinates, _("The polygon"))
    if not isinstance(coordinates, list | tuple) or not coordinates:
        return [_("The multipolygon has no polygons.")]
    problems = []
    for number, rings in enumerate(coordinates, start=1):
        problems += _polygon_problems(rings, _("Polygon %(number)s") % {"number": number})
    return problems


def is_valid(geometry):
    return not geometry_problems(geometry)


def polygons(geometry):
    """The polygons of a valid geometry, each a list of rings of (lon, lat)."""
    if geometry["type"] == POLYGON:
        return [geometry["coordinates"]]
    return list(geometry["coordinates"])


def positions(geometry):
    for rings in polygons(geometry):
        for ring in rings:
            for position in ring:
                yield position[0], position[1]


def bounding_box(geometries):
    """(west, south, east, north) around a geometry or an iterable of geometries
    (None entries are skipped); None when there is nothing to bound."""
    if isinstance(geometries, dict):
        geometries = [geometries]
    west = south = math.inf
    east = north = -math.inf
    for geometry in geometries:
        if not geometry:
            continue
        for lon, lat in positions(geometry):
            west, east = min(west, lon), max(east, lon)
            south, north = min(south, lat), max(north, lat)
    if west == math.inf:
        return None
    return (west, south, east, north)


@dataclass(frozen=True)
class Projection:
    """Equirectangular projection of `bbox` (west, south, east, north) onto an SVG
    canvas `width` units wide (the height follows from the shape), with `padding` units
    on every side. Longitudes are scaled by cos(middle latitude) so shapes are true near
    the centre; y grows southwards as SVG's does."""

    bbox: tuple
    width: float = 600.0
    padding: float = 10.0

    @property
    def _cos(self):
        middle = (self.bbox[1] + self.bbox[3]) / 2
        return max(math.cos(math.radians(middle)), 1e-6)

    @property
    def _scale(self):
        west, _south, east, _north = self.bbox
        span = (east - west) * self._cos
        if span <= 0:
            span = max(self.bbox[3] - self.bbox[1], 1e-9)
        return (self.width - 2 * self.padding) / span

    @property
    def height(self):
        return (self.bbox[3] - self.bbox[1]) * self._scale + 2 * self.padding

    @property
    def view_box(self):
        return f"0 0 {_number(self.width)} {_number(self.height)}"

    def point(self, lon, lat):
        """SVG (x, y) of a longitude and latitude."""
        west, _south, _east, north = self.bbox
        x = self.padding + (lon - west) * self._cos * self._scale
        y = self.padding + (north - lat) * self._scale
        return x, y


def _number(value, places=2):
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def svg_path(geometry, projection, places=2):
    """The SVG path data (`d`) of a valid geometry under `projection`: one closed
    subpath per ring, coordinates rounded to `places` decimals."""
    parts = []
    for rings in polygons(geometry):
        for ring in rings:
            points = [projection.point(lon, lat) for lon, lat, *_rest in ring]
            if points[0] == points[-1]:
                points = points[:-1]
            head, *rest = points
            commands = [f"M{_number(head[0], places)},{_number(head[1], places)}"]
            commands += [f"L{_number(x, places)},{_number(y, places)}" for x, y in rest]
            parts.append("".join(commands) + "Z")
    return "".join(parts)


def centroid(geometry, projection=None):
    """The mean of the outer ring's positions of the largest polygon (a label point
    good enough for ward-shaped areas), projected when `projection` is given."""
    rings = max(polygons(geometry), key=lambda rings: len(rings[0]))
    outer = rings[0][:-1] if rings[0][0] == rings[0][-1] else rings[0]
    lon = sum(position[0] for position in outer) / len(outer)
    lat = sum(position[1] for position in outer) / len(outer)
    return projection.point(lon, lat) if projection else (lon, lat)
