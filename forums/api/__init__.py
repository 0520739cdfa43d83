"""Forums in the API: /api/v1/forums/ (mounted in engage.api).

Reads are public and follow the same rules as the pages (`forums.view_*`): published
forums, published threads, posts and fact-checks. Writes go through `forums.services`,
so they validate, rate-limit and record participation exactly as the site does:

- verified residents start threads and post replies;
- community leaders, city staff and partner members write fact-checks, and a second
  one of them publishes each (`POST /forums/fact-checks/{id}/publish`).

Refusals are JSON `{"detail": "…", "code": "…"}`: 400 for bad input, 403 when the caller
may not do it, 404 for what they may not see, 429 (with Retry-After) when posting too fast.

One module per concern: `common` (the router, lookups, errors), `schemas` (what goes in
and out), `reads` and `writes` (the endpoints, registered on the router on import).
"""

from . import reads, writes  # noqa: F401 - their endpoints join the router
from .common import router

__all__ = ["router"]
