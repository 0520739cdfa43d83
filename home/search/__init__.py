"""Public search over consultations, forums and the myths library.

Each feature app registers what it makes searchable (see `registry`); this package
owns the page at `/<lang>/search/` and knows no feature app by name.
"""
