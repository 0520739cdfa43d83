"""The choropleth map: one series' period figure per area, drawn from the boundaries.

`choropleth(cells, areas)` returns a `MapDrawing`: the SVG (server-rendered, no tiles,
no request anywhere) and the legend. Every area with a boundary is one `<path>` inside a
link to the area's figures further down the page (`#area-<code>`), so Tab moves from
ward to ward; each has a `<title>` with its name and figure. Areas without a boundary
(and areas whose boundary encloses other mapped areas, such as the city itself) are not
drawn: the table beside the map lists every area with the same numbers.

Colour is never the only cue: each bin has its own fill pattern as well as its own
shade (none, dots, lines, crossed lines, dense crossed lines), areas with no figure are
hatched in grey, and the legend names every bin's range in words.
"""

import math
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from engage.communities import geometry
from engage.communities.svgmap import mapped_areas
from engage.monitoring import series as registry

from .figures import SHOWN, format_value

WIDTH = 600
# Light to dark (ColorBrewer "Blues", 5 classes); the darkest two carry white marks.
COLOURS = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
MARKS = ("#1f1f1f", "#1f1f1f", "#1f1f1f", "#ffffff", "#ffffff")
NO_FIGURE_COLOUR = "#f2f2f2"
FIXED_EDGES = {
    registry.SHARE: (0.0, 0.2, 0.4, 0.6, 0.8, 1.0),
    registry.SCORE: (-1.0, -0.6, -0.2, 0.2, 0.6, 1.0),
    registry.LEVEL: (0.5, 1.5, 2.5, 3.5, 4.5, 5.5),
}


@dataclass(frozen=True)
class Bin:
    index: int  # 0..4, or -1 for "no figure"
    low: float | None
    high: float | None
    label: str

    @property
    def pattern_id(self):
        return "map-bin-none" if self.index < 0 else f"map-bin-{self.index}"


@dataclass
class MapDrawing:
    svg: str
    bins: list  # Bin, the legend in order, "no figure" last
    drawn: list = field(default_factory=list)  # codes of the areas drawn
    not_drawn: list = field(default_factory=list)  # areas listed in the table only
    bin_of: dict = field(default_factory=dict)  # area code -> Bin


def _nice_ceiling(value):
    """The smallest 1, 2, 2.5 or 5 × 10^n at or above `value` (> 0)."""
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def bins_for(unit, values):
    """Five bins for `unit` (fixed for shares, scores and levels; from zero to a round
    maximum for counts), plus the "no figure" bin."""
    edges = FIXED_EDGES.get(unit)
    if edges is None:
        top = max([value for value in values if value is not None] or [0])
        top = _nice_ceiling(top) if top > 0 else 5
        edges = tuple(top * step / 5 for step in range(6))
    result = []
    for index in range(5):
        low, high = edges[index], edges[index + 1]
        if unit == registry.LEVEL:
            label = _("level %(level)s") % {"level": index + 1}
        else:
            label = _("%(low)s to %(high)s") % {
                "low": format_value(unit, low),
                "high": format_value(unit, high),
            }
        result.append(Bin(index, low, high, str(label)))
    result.append(Bin(-1, None, None, str(_("no figure"))))
    return result


def bin_for(bins, value):
    """The bin of `value` (the top bin takes values at or above its edge too)."""
    if value is None:
        return bins[-1]
    shaded = bins[:-1]
    for candidate in shaded:
        if value < candidate.high:
            return candidate
    return shaded[-1]


def _pattern(index):
    colour, mark = COLOURS[index], MARKS[index]
    marks = {
        0: "",
        1: format_html('<circle cx="3" cy="3" r="1.1" fill="{}"/>', mark),
        2: format_html('<path d="M0,6 L6,0" stroke="{}" stroke-width="1"/>', mark),
        3: format_html('<path d="M0,6 L6,0 M0,0 L6,6" stroke="{}" stroke-width="1"/>', mark),
        4: format_html(
            '<path d="M0,6 L6,0 M0,0 L6,6 M0,3 L6,3" stroke="{}" stroke-width="1.2"/>', mark
        ),
    }[index]
    return format_html(
        '<pattern id="map-bin-{}" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="{}"/>{}</pattern>',
        index,
        colour,
        marks,
    )


def patterns_svg():
    """The `<defs>` with one pattern per bin and the "no figure" hatching."""
    none = format_html(
        '<pattern id="map-bin-none" width="8" height="8" patternUnits="userSpaceOnUse">'
        '<rect width="8" height="8" fill="{}"/>'
        '<path d="M0,8 L8,0" stroke="#767676" stroke-width="1"/></pattern>',
        NO_FIGURE_COLOUR,
    )
    return format_html(
        "<defs>{}{}</defs>", format_html_join("", "{}", ((_pattern(i),) for i in range(5))), none
    )


def pattern_definitions():
    """A hidden SVG holding the patterns, once per page: the map and the legend's
    swatches refer to them by id."""
    return format_html(
        '<svg class="map-defs" width="0" height="0" aria-hidden="true" focusable="false">{}</svg>',
        patterns_svg(),
    )


def legend_swatch(bin_):
    """A small SVG square in the bin's pattern, for the legend (decorative)."""
    return format_html(
        '<svg class="map-legend__swatch" width="24" height="16" viewBox="0 0 24 16" '
        'aria-hidden="true" focusable="false"><rect x="0.5" y="0.5" width="23" height="15" '
        'fill="url(#{})" stroke="#1f1f1f"/></svg>',
        bin_.pattern_id,
    )


def choropleth(cells, areas, title):
    """The map of `cells` ({area code: Cell}, one series) for `areas`, as a MapDrawing.
    `title` names the series and period (the SVG's accessible name)."""
    unit = next(iter(cells.values())).series.unit if cells else registry.COUNT
    values = [cell.value for cell in cells.values() if cell.state == SHOWN]
    bins = bins_for(unit, values)
    drawn = mapped_areas(areas)
    drawn_codes = {area.code for area in drawn}
    bin_of = {}
    for area in areas:
        cell = cells.get(area.code)
        bin_of[area.code] = bin_for(bins, cell.value if cell and cell.state == SHOWN else None)
    not_drawn = [area for area in areas if area.code not in drawn_codes]
    if not drawn:
        return MapDrawing("", bins, [], not_drawn, bin_of)
    projection = geometry.Projection(
        geometry.bounding_box([area.boundary for area in drawn]), width=WIDTH
    )
    shapes = []
    for area in drawn:
        cell = cells.get(area.code)
        figure = cell.label if cell else str(_("no data"))
        name = _("%(area)s: %(figure)s") % {"area": area.name, "figure": figure}
        shapes.append(
            format_html(
                '<a href="#area-{code}" class="map-area" aria-label="{name}">'
                '<path d="{d}" fill="url(#{pattern})" fill-rule="evenodd" stroke="#1f1f1f" '
                'stroke-width="1" data-area="{code}" data-bin="{bin}"><title>{name}</title>'
                "</path></a>",
                code=area.code,
                name=name,
                d=geometry.svg_path(area.boundary, projection),
                pattern=bin_of[area.code].pattern_id,
                bin=bin_of[area.code].index,
            )
        )
    svg = format_html(
        '<svg class="map" viewBox="{}" role="group" aria-label="{}" '
        'preserveAspectRatio="xMidYMid meet">{}</svg>',
        projection.view_box,
        title,
        mark_safe("".join(shapes)),  # noqa: S308 - each shape is built by format_html
    )
    return MapDrawing(svg, bins, [area.code for area in drawn], not_drawn, bin_of)
