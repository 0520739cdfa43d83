"""The live map page, /<lang>/opinions/<map id>/map/, and the fragment its script
fetches again when the map is recomputed (/<lang>/opinions/<map id>/map/fragment/).

Both are server-rendered from `summary.map_summary` (the SVG and the table beside it)
and ask `opinions.view_map`; the composition by community group is added for people
allowed by `opinions.view_composition`, for the dimension chosen with `?dimension=`.
"""

import rules
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from engage.communities.models import Dimension

from ..models import OpinionMap
from ..representation import composition
from ..rules import VIEW_MAP
from .rules import VIEW_COMPOSITION
from .summary import map_summary


def _visible_map(request, map_id):
    opinion_map = get_object_or_404(OpinionMap, pk=map_id)
    if not rules.test_rule(VIEW_MAP, request.user, opinion_map):
        raise Http404
    return opinion_map


def _composition_context(request, opinion_map, summary):
    if not rules.test_rule(VIEW_COMPOSITION, request.user, opinion_map):
        return {"may_see_composition": False}
    dimensions = list(Dimension.objects.all())
    chosen = request.GET.get("dimension", "")
    dimension = next((d for d in dimensions if d.slug == chosen), None)
    if dimension is None and dimensions:
        dimension = dimensions[0]
    table = composition(opinion_map, dimension, summary.snapshot) if dimension else None
    if table is not None:
        letters = {group.id: group for group in summary.groups}
        for row in table.groups:
            row.summary = letters.get(row.id)
    return {
        "may_see_composition": True,
        "dimensions": dimensions,
        "dimension": dimension,
        "composition": table,
    }


def _context(request, opinion_map):
    summary = map_summary(opinion_map)
    return {
        "opinion_map": opinion_map,
        "summary": summary,
        **_composition_context(request, opinion_map, summary),
    }


@require_GET
def map_view(request, map_id):
    """The live map of one opinion map (anyone who may see the map)."""
    opinion_map = _visible_map(request, map_id)
    return TemplateResponse(request, "opinions/map.html", _context(request, opinion_map))


@require_GET
def map_fragment_view(request, map_id):
    """The map's live part alone (what `opinions/map.js` puts in place)."""
    opinion_map = _visible_map(request, map_id)
    return TemplateResponse(request, "opinions/live/map_body.html", _context(request, opinion_map))
