"""Per-feature additions to the permission matrix, one module per feature.

A module here may define any of:

- `ROUTES`: route name -> `Expect`, merged into `matrix.ROUTES`;
- `VIEWSETS`: namespaces of the feature's Wagtail viewsets (staff only, every view);
- `PAGE_TYPES`: page type label -> `Expect`;
- `API_PATH_VALUES`: API path keyword -> key of `world.ids`;
- `PATH_VALUES`: URL route keyword (`map_id`) -> key of `world.ids`;
- `PK_OBJECTS`: (route-name prefix, key of `world.ids`) pairs for routes whose keyword
  is `pk` (`("impact:register_edit", "consequence")`);
- `build(world)`: create what the feature's routes need and add their ids to
  `world.ids` (runs inside the world's transaction, after the demo city exists);
- `api_ops(world)`: "METHOD /api/v1/path" -> `Expect`, as `api_ops` in the test.

Keeping each feature's entries in its own module lets features grow without editing one
shared table; `matrix.py` and the test gather them all.
"""

import pkgutil
from functools import cache
from importlib import import_module


@cache
def all_parts():
    """The part modules, imported on first use (not at import time: the parts import
    `tests.security.matrix`, which gathers them, so either may be imported first).
    The matrix is imported first, so that no part is ever seen half-imported."""
    import_module("tests.security.matrix")
    return [
        import_module(f"{__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name)
    ]
