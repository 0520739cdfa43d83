"""The shapes of the live map's SVG: each opinion group's convex hull and centre, scaled
into the drawing. Only shapes leave this module, never a participant's point: a hull's
corners are drawn only for groups of at least `SMALL_CELL_THRESHOLD` people, smaller
groups are a circle at their centre."""

from dataclasses import dataclass

VIEW_SIZE = 400
MARGIN = 40


@dataclass(frozen=True)
class Shape:
    """A group as drawn: `centre` (x, y), `hull` (points, empty for small groups) and
    `radius` of the centre mark, all in the SVG's coordinates."""

    centre: tuple
    hull: tuple
    radius: float

    @property
    def hull_points(self):
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.hull)


def _cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def convex_hull(points):
    """The convex hull of `points` (Andrew's monotone chain), anticlockwise, without
    repeated points; fewer than three distinct points come back as they are."""
    unique = sorted(set(points))
    if len(unique) < 3:
        return unique
    lower, upper = [], []
    for point in unique:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], point) <= 0:
            lower.pop()
        lower.append(point)
    for point in reversed(unique):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], point) <= 0:
            upper.pop()
        upper.append(point)
    return lower[:-1] + upper[:-1]


def group_shapes(groups, projection, min_hull):
    """{group id: Shape} for `groups` (the snapshot's) from `projection` ({participant
    id: [x, y]}). The map is scaled to fit `VIEW_SIZE` with the same scale on both axes;
    y grows upwards as in a chart."""
    points_of = {
        group["id"]: [tuple(projection[pid]) for pid in group["members"] if pid in projection]
        for group in groups
    }
    every = [point for points in points_of.values() for point in points]
    if not every:
        return {}
    low_x, high_x = min(p[0] for p in every), max(p[0] for p in every)
    low_y, high_y = min(p[1] for p in every), max(p[1] for p in every)
    span = max(high_x - low_x, high_y - low_y) or 1.0
    scale = (VIEW_SIZE - 2 * MARGIN) / span
    middle_x, middle_y = (low_x + high_x) / 2, (low_y + high_y) / 2

    def place(point):
        return (
            round(VIEW_SIZE / 2 + (point[0] - middle_x) * scale, 1),
            round(VIEW_SIZE / 2 - (point[1] - middle_y) * scale, 1),
        )

    largest = max(len(points) for points in points_of.values()) or 1
    shapes = {}
    for group_id, points in points_of.items():
        if not points:
            continue
        centre = (
            sum(p[0] for p in points) / len(points),
            sum(p[1] for p in points) / len(points),
        )
        hull = tuple(place(p) for p in convex_hull(points)) if len(points) >= min_hull else ()
        radius = 8 + 16 * (len(points) / largest) ** 0.5
        shapes[group_id] = Shape(centre=place(centre), hull=hull, radius=round(radius, 1))
    return shapes
