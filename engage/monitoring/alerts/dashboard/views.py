"""The community sentiment dashboard page.

/<lang>/monitoring/dashboard/ for city staff and for members of partner organisations
(both with two-factor authentication), who see only the areas their grants cover
(`access.py`). The same query string drives the page and its downloads (`exports.py`).
Works without JavaScript: the filters are a GET form, the map's areas are links.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from . import access
from .choropleth import choropleth, legend_swatch, pattern_definitions
from .figures import dashboard_figures, period_weeks
from .forms import DashboardFilters
from .sparklines import sparkline

TEMPLATE = "monitoring_alerts/dashboard/dashboard.html"


@dataclass
class Dashboard:
    """Everything one request shows or downloads, built once by `build_dashboard`."""

    form: DashboardFilters
    areas: list  # the areas the reader may see
    figures: object = None  # figures.Figures, None while the form has errors
    map_key: str | None = None

    @property
    def valid(self):
        return self.figures is not None


def build_dashboard(user, data, for_export=False):
    """The filters bound to `data` (a QueryDict) and, when they are valid, the figures
    of the areas the reader may see (`for_export`: may download). PermissionDenied when
    there is no such area."""
    areas = access.all_areas()
    if for_export:
        everything = access.may_export_city(user)
        areas = access.exportable_areas(user, areas)
        if not areas:
            raise PermissionDenied
    else:
        everything = access.may_see_city(user)
        areas = access.visible_areas(user, areas)
        if not areas and not everything:
            raise PermissionDenied
    form = DashboardFilters(data)
    dashboard = Dashboard(form, areas)
    if form.is_valid():
        chosen = form.chosen_series()
        until, weeks = form.period()
        dashboard.figures = dashboard_figures(
            chosen, areas, period_weeks(until, weeks), form.filters(), all_areas=everything
        )
        dashboard.map_key = form.map_key(chosen)
        if not form.cleaned_data.get("map"):
            # Unless asked for another, shade the map by the first series that can
            # answer the filters.
            available = [column.key for column in dashboard.figures.columns if column.available]
            dashboard.map_key = available[0] if available else dashboard.map_key
    return dashboard


def map_context(dashboard):
    """The map, its legend and the table beside it (same numbers, every area)."""
    figures = dashboard.figures
    column = figures.column(dashboard.map_key) if dashboard.map_key else None
    if column is None:
        return None
    cells = figures.cells_for(column.key)
    title = _("%(series)s by area, weeks of %(since)s to %(until)s") % {
        "series": column.label,
        "since": formats.date_format(figures.since, "SHORT_DATE_FORMAT"),
        "until": formats.date_format(figures.weeks[-1], "SHORT_DATE_FORMAT"),
    }
    drawing = choropleth(cells, dashboard.areas, title)
    return {
        "column": column,
        "title": title,
        "drawing": drawing,
        "defs": pattern_definitions(),
        "legend": [{"bin": b, "swatch": legend_swatch(b)} for b in drawing.bins],
        "rows": [
            {
                "area": area,
                "cell": cells[area.code],
                "bin": drawing.bin_of[area.code],
                "drawn": area.code in drawing.drawn,
            }
            for area in dashboard.areas
        ],
    }


@never_cache
@login_required
def dashboard_view(request):
    """The dashboard: filters, the map with its table, and the small multiples."""
    dashboard = build_dashboard(request.user, request.GET)
    context = {"form": dashboard.form, "dashboard": dashboard, "map": None, "multiples": []}
    if dashboard.valid:
        context["map"] = map_context(dashboard)
        context["multiples"] = [
            {"area": area, "cells": [{"cell": c, "svg": sparkline(c)} for c in cells]}
            for area, cells in dashboard.figures.rows
        ]
        exportable = access.exportable_areas(request.user, dashboard.areas)
        if exportable:
            query = request.GET.urlencode()
            suffix = f"?{query}" if query else ""
            context["exports"] = {
                "csv": reverse("monitoring_alerts:dashboard:export_csv") + suffix,
                "pdf": reverse("monitoring_alerts:dashboard:export_pdf") + suffix,
                "partial": len(exportable) < len(dashboard.areas),
            }
    return render(request, TEMPLATE, context)
