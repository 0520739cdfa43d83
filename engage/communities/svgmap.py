"""Areas drawn as a server-rendered SVG map: which areas to draw, and their shapes.

Shared by the monitoring dashboard's choropleth
(`engage.monitoring.alerts.dashboard.choropleth`) and the consultation index's map of
consultations by area (`consultations.templatetags.consultation_map`); the
projection and path data themselves are in `engage.communities.geometry`.

- `mapped_areas(areas)`: the areas worth drawing (a valid boundary, and not the parent
  of another drawn area, so the city is not painted over its own wards).
- `area_shapes(areas, width)`: a `Projection` and one `Shape` (area, path data, label
  point) per mapped area, or None when there is nothing to draw.
"""

from dataclasses import dataclass

from . import geometry


def mapped_areas(areas):
    """The areas to draw: those with a valid boundary, except the ones that are the
    parent of another such area (the city drawn over its own wards)."""
    with_boundary = [area for area in areas if area.boundary and geometry.is_valid(area.boundary)]
    parents = {area.parent_id for area in with_boundary}
    return [area for area in with_boundary if area.pk not in parents]


@dataclass(frozen=True)
class Shape:
    area: object
    path: str  # the `d` attribute
    x: float  # a point to put a label on
    y: float


def area_shapes(areas, width=600.0):
    """(projection, [Shape]) of the mapped `areas`, or None when none can be drawn."""
    drawn = mapped_areas(areas)
    if not drawn:
        return None
    projection = geometry.Projection(
        geometry.bounding_box([area.boundary for area in drawn]), width=width
    )
    shapes = []
    for area in drawn:
        x, y = geometry.centroid(area.boundary, projection)
        shapes.append(Shape(area, geometry.svg_path(area.boundary, projection), x, y))
    return projection, shapes
