"""The public API, /api/v1/ (django-ninja). Apps add routers in their own api.py.

Authentication: the browser session (with CSRF for writes) or a personal token sent as
`Authorization: Bearer <key>`. The OpenAPI document is at /api/v1/openapi.json.
"""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Engage API",
    version="1",
    urls_namespace="api-v1",
    description="Community engagement and consultation platform.",
)
