"""`{% consultation_area_map page %}`: a map of the open consultations by area, for a
consultation index page.

Server-rendered SVG from the areas' GeoJSON boundaries (`engage.communities.svgmap`;
no tiles, no request to anyone). Every drawn area with open consultations is a link to
the index filtered to them (`?area=<code>&status=open`) and carries their number on
the map; areas without one are drawn plain. A table beside the map lists the same
numbers for every area, including areas that have open consultations but no
boundary (the whole city), so nothing depends on seeing the map. Nothing is shown
while no area has a boundary.

Three queries: the areas with a boundary, the open consultations per area, and the
areas named by those counts that have no boundary.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import template
from django.db.models import Count
from django.utils.translation import gettext, ngettext

from consultations.models import ConsultationStatus
from engage.communities.models import Area
from engage.communities.svgmap import area_shapes

register = template.Library()

WIDTH = 600


@dataclass(frozen=True)
class MapArea:
    code: str
    name: str
    count: int
    url: str
    label: str  # "Ashdown: 2 open consultations"
    shape: object = None  # svgmap.Shape, None when not drawn

    @property
    def level(self):
        """0 (none), 1 (one) or 2 (more), for the shading; the number is shown too."""
        return min(self.count, 2)


def _label(name, count):
    if not count:
        return gettext("%(area)s: no open consultation") % {"area": name}
    return ngettext(
        "%(area)s: %(count)s open consultation",
        "%(area)s: %(count)s open consultations",
        count,
    ) % {"area": name, "count": count}


def _map_area(page_url, area, count, shape=None):
    query = urlencode({"area": area.code, "status": ConsultationStatus.OPEN})
    return MapArea(
        code=area.code,
        name=area.name,
        count=count,
        url=f"{page_url}?{query}",
        label=_label(area.name, count),
        shape=shape,
    )


@register.inclusion_tag("consultations/includes/consultation_area_map.html", takes_context=True)
def consultation_area_map(context, page):
    """The map and table for consultation index `page` (nothing without boundaries)."""
    drawing = area_shapes(Area.objects.filter(boundary__isnull=False), width=WIDTH)
    if drawing is None:
        return {"shown": False}
    projection, shapes = drawing
    counts = dict(
        page.published_consultations()
        .open()
        .filter(area__isnull=False)
        .order_by()
        .values_list("area_id")
        .annotate(count=Count("pk"))
    )
    request = context.get("request")
    page_url = page.get_url(request) or page.url
    drawn = [
        _map_area(page_url, shape.area, counts.get(shape.area.pk, 0), shape) for shape in shapes
    ]
    drawn_ids = {shape.area.pk for shape in shapes}
    elsewhere = [
        _map_area(page_url, area, counts[area.pk])
        for area in Area.objects.filter(pk__in=set(counts) - drawn_ids)
    ]
    rows = sorted(drawn + elsewhere, key=lambda item: (-item.count, item.name))
    return {
        "shown": True,
        "view_box": projection.view_box,
        "areas": drawn,
        "rows": rows,
        "total_open": sum(counts.values()),
    }
