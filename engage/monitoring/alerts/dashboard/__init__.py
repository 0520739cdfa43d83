"""The community sentiment dashboard: every registered weekly series, per area.

Reads the monitoring sources only through `engage.monitoring.series` (one provider call
per series for every area and week shown, so its queries do not grow with areas or
weeks), and draws them as a choropleth map of the areas' boundaries
(`engage.communities.geometry`), a table with the same numbers, and small multiples over
time. Who sees which area: `access.py`; the figures: `figures.py`; the drawings:
`choropleth.py` and `sparklines.py`; the pages and downloads: `views.py`, `exports.py`.
Mounted at /<lang>/monitoring/dashboard/ (`urls.py`); the admin menu item is in
`wagtail_hooks.py`. Documented in docs/monitoring.md.
"""
